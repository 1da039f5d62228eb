package io.downhill.session;

import io.downhill.access.Refused;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** Where each session command's answer goes, for refusals that do not depend on the command. */
final class SessionReplies {
  private SessionReplies() {}

  /** Sends {@code refused} to the command's reply address, if it has one. */
  @SuppressWarnings("unchecked")
  static void refuse(Session.Command command, Refused refused) {
    ActorRef<?> replyTo = replyTo(command);
    if (replyTo != null) {
      ((ActorRef<StatusReply<Object>>) replyTo).tell(refused.reply());
    }
  }

  /** The command's reply address, or null for commands that get no answer. */
  static ActorRef<?> replyTo(Session.Command command) {
    if (command instanceof Session.Create c) {
      return c.replyTo();
    } else if (command instanceof Session.GetState c) {
      return c.replyTo();
    } else if (command instanceof Session.GetHistory c) {
      return c.replyTo();
    } else if (command instanceof Session.GetAt c) {
      return c.replyTo();
    } else if (command instanceof Session.GetData c) {
      return c.replyTo();
    } else if (command instanceof Session.Evaluate c) {
      return c.replyTo();
    } else if (command instanceof Session.SetParams c) {
      return c.replyTo();
    } else if (command instanceof Session.Step c) {
      return c.replyTo();
    } else if (command instanceof Session.Run c) {
      return c.replyTo();
    } else if (command instanceof Session.Pause c) {
      return c.replyTo();
    } else if (command instanceof Session.Reset c) {
      return c.replyTo();
    } else if (command instanceof Session.Restart c) {
      return c.replyTo();
    } else if (command instanceof Session.SetLearningRate c) {
      return c.replyTo();
    } else if (command instanceof Session.SetAccumulateGradients c) {
      return c.replyTo();
    } else if (command instanceof Session.AddPoint c) {
      return c.replyTo();
    } else if (command instanceof Session.MovePoint c) {
      return c.replyTo();
    } else if (command instanceof Session.RemovePoint c) {
      return c.replyTo();
    } else if (command instanceof Session.RestorePoints c) {
      return c.replyTo();
    } else if (command instanceof Session.Delete c) {
      return c.replyTo();
    } else if (command instanceof Session.Reconfigure c) {
      return c.replyTo();
    } else if (command instanceof Session.Halt c) {
      return c.replyTo();
    } else if (command instanceof Session.End c) {
      return c.replyTo();
    }
    return null;
  }
}
