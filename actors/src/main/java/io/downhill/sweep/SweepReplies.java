package io.downhill.sweep;

import io.downhill.access.Refused;
import io.downhill.sweep.Sweep.Command;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * Where each sweep command's token and answer are, for checks that do not depend on the command.
 */
final class SweepReplies {
  private SweepReplies() {}

  /** The owner token a command carries, or null for commands anyone may send. */
  static String ownerToken(Command command) {
    if (command instanceof Sweep.Run c) {
      return c.token();
    } else if (command instanceof Sweep.Pause c) {
      return c.token();
    } else if (command instanceof Sweep.Reset c) {
      return c.token();
    } else if (command instanceof Sweep.Delete c) {
      return c.token();
    }
    return null;
  }

  /** Sends {@code refused} to the command's reply address, if it has one. */
  @SuppressWarnings("unchecked")
  static void refuse(Command command, Refused refused) {
    ActorRef<?> replyTo = null;
    if (command instanceof Sweep.Run c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.Pause c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.Reset c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.Delete c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.GetState c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.GetCurves c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.Create c) {
      replyTo = c.replyTo();
    }
    if (replyTo != null) {
      ((ActorRef<StatusReply<Object>>) replyTo).tell(refused.reply());
    }
  }
}
