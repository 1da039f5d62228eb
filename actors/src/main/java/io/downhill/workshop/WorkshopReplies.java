package io.downhill.workshop;

import io.downhill.access.Refused;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** Where each workshop command's answer goes, and which token it carries. */
final class WorkshopReplies {
  private WorkshopReplies() {}

  /** Sends {@code refused} to the command's reply address, if it has one. */
  @SuppressWarnings("unchecked")
  static void refuse(Workshop.Command command, Refused refused) {
    ActorRef<?> replyTo = replyTo(command);
    if (replyTo != null) {
      ((ActorRef<StatusReply<Object>>) replyTo).tell(refused.reply());
    }
  }

  /** The instructor token an instructor's command carries, or null. */
  static String instructorToken(Workshop.Command command) {
    if (command instanceof Workshop.Spotlight c) {
      return c.token();
    } else if (command instanceof Workshop.OpenSteps c) {
      return c.token();
    } else if (command instanceof Workshop.PushScenario c) {
      return c.token();
    } else if (command instanceof Workshop.PauseAll c) {
      return c.token();
    } else if (command instanceof Workshop.ChangeCode c) {
      return c.token();
    } else if (command instanceof Workshop.Close c) {
      return c.token();
    } else if (command instanceof Workshop.Extend c) {
      return c.token();
    } else if (command instanceof Workshop.RemoveParticipant c) {
      return c.token();
    }
    return null;
  }

  /** The command's reply address, or null for commands that get no answer. */
  static ActorRef<?> replyTo(Workshop.Command command) {
    if (command instanceof Workshop.Open c) {
      return c.replyTo();
    } else if (command instanceof Workshop.Join c) {
      return c.replyTo();
    } else if (command instanceof Workshop.GetState c) {
      return c.replyTo();
    } else if (command instanceof Workshop.Spotlight c) {
      return c.replyTo();
    } else if (command instanceof Workshop.OpenSteps c) {
      return c.replyTo();
    } else if (command instanceof Workshop.PushScenario c) {
      return c.replyTo();
    } else if (command instanceof Workshop.PauseAll c) {
      return c.replyTo();
    } else if (command instanceof Workshop.ChangeCode c) {
      return c.replyTo();
    } else if (command instanceof Workshop.Close c) {
      return c.replyTo();
    } else if (command instanceof Workshop.Fork c) {
      return c.replyTo();
    } else if (command instanceof Workshop.Extend c) {
      return c.replyTo();
    } else if (command instanceof Workshop.RemoveParticipant c) {
      return c.replyTo();
    }
    return null;
  }
}
