package io.downhill.session;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * What each session command carries and asks for: its owner token, whether only the owner may send
 * it, whether it counts as use, and where its answer goes (for refusals that do not depend on it).
 */
final class SessionCommands {
  private SessionCommands() {}

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

  /** The owner's commands, for the token check. */
  static String tokenOf(Session.Command command) {
    if (command instanceof Session.SetParams c) {
      return c.token();
    } else if (command instanceof Session.Step c) {
      return c.token();
    } else if (command instanceof Session.Run c) {
      return c.token();
    } else if (command instanceof Session.Pause c) {
      return c.token();
    } else if (command instanceof Session.Reset c) {
      return c.token();
    } else if (command instanceof Session.Restart c) {
      return c.token();
    } else if (command instanceof Session.SetLearningRate c) {
      return c.token();
    } else if (command instanceof Session.SetAccumulateGradients c) {
      return c.token();
    } else if (command instanceof Session.AddPoint c) {
      return c.token();
    } else if (command instanceof Session.MovePoint c) {
      return c.token();
    } else if (command instanceof Session.RemovePoint c) {
      return c.token();
    } else if (command instanceof Session.RestorePoints c) {
      return c.token();
    } else if (command instanceof Session.Delete c) {
      return c.token();
    }
    return null;
  }

  /** Whether {@code command} needs the owner's token. */
  static boolean ownerOnly(Session.Command command) {
    return command instanceof Session.SetParams
        || command instanceof Session.Step
        || command instanceof Session.Run
        || command instanceof Session.Pause
        || command instanceof Session.Reset
        || command instanceof Session.Restart
        || command instanceof Session.SetLearningRate
        || command instanceof Session.SetAccumulateGradients
        || command instanceof Session.AddPoint
        || command instanceof Session.MovePoint
        || command instanceof Session.RemovePoint
        || command instanceof Session.RestorePoints
        || command instanceof Session.Delete;
  }

  /**
   * Whether {@code command} counts as use for the idle expiry: the owner's commands, a workshop's
   * and a watcher's. Reads by anyone who knows the id (the state, the history) do not, or a visitor
   * could keep sessions alive for ever by looking at them.
   */
  static boolean keepsAlive(Session.Command command) {
    return ownerOnly(command)
        || command instanceof Session.Create
        || command instanceof Session.Subscribe
        || command instanceof Session.Reconfigure
        || command instanceof Session.Halt
        || command instanceof Session.End;
  }

  /** The refusal when a token does not own the session, or null when it does. */
  static Refused checkOwner(SessionRecord record, String token) {
    return OwnerToken.matches(token, record.ownerDigest())
        ? null
        : Refused.forbidden("Authorization", "this token does not own the session");
  }
}
