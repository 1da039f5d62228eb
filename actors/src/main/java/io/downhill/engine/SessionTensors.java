package io.downhill.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The DJL manager every session's and sweep's manager descends from, one per actor system, on the
 * device {@code downhill.djl.device} names. Closed when the actor system has terminated, after
 * every entity released its own arrays.
 */
public final class SessionTensors implements Extension {
  private static final ExtensionId<SessionTensors> ID =
      new ExtensionId<>() {
        @Override
        public SessionTensors createExtension(ActorSystem<?> system) {
          return new SessionTensors(system);
        }
      };

  private final NDManager manager;

  private SessionTensors(ActorSystem<?> system) {
    TensorEngine.DeviceChoice choice =
        TensorEngine.DeviceChoice.parse(
            system.settings().config().getString("downhill.djl.device"));
    Device device = TensorEngine.resolve(choice == null ? TensorEngine.DeviceChoice.AUTO : choice);
    this.manager = NDManager.newBaseManager(device);
    system.getWhenTerminated().thenRun(manager::close);
  }

  public static SessionTensors get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** The parent manager; entities make sub-managers of it and close those themselves. */
  public NDManager manager() {
    return manager;
  }

  public Device device() {
    return manager.getDevice();
  }
}
