package io.downhill.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.typesafe.config.Config;
import java.util.Locale;

/**
 * Prepares DJL's PyTorch engine before its first use: offline (the natives come from a Maven
 * artifact on the class path, never from the network), libtorch's thread pools sized on purpose,
 * and the device chosen. DJL reads these as JVM-wide system properties, so Downhill never sets them
 * by itself: an application calls {@link #configure} once, before anything touches DJL (before
 * {@link io.downhill.Downhill#start}), or sets the {@code ai.djl.*} properties its own way. A
 * property already set on the command line wins.
 */
public final class TensorEngine {
  private TensorEngine() {}

  /** The devices a user may ask for. */
  public enum DeviceChoice {
    AUTO,
    CPU,
    GPU,
    MPS;

    /** Parses {@code auto|cpu|gpu|mps}; null for anything else. */
    public static DeviceChoice parse(String name) {
      for (DeviceChoice choice : values()) {
        if (choice.name().equalsIgnoreCase(name)) {
          return choice;
        }
      }
      return null;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What {@link #configure(Settings)} sets.
   *
   * @param offline never download natives or models ({@code ai.djl.offline})
   * @param numThreads libtorch's intra-op threads ({@code ai.djl.pytorch.num_threads})
   * @param numInteropThreads libtorch's inter-op threads ({@code
   *     ai.djl.pytorch.num_interop_threads})
   */
  public record Settings(boolean offline, int numThreads, int numInteropThreads) {
    /**
     * From {@code downhill.djl}: {@code offline}, {@code num-threads}, {@code num-interop-threads}.
     */
    public static Settings from(Config config) {
      Config djl = config.getConfig("downhill.djl");
      return new Settings(
          djl.getBoolean("offline"), djl.getInt("num-threads"), djl.getInt("num-interop-threads"));
    }
  }

  /** Sets DJL's properties from {@code downhill.djl}, unless a system property already did. */
  public static void configure(Config config) {
    configure(Settings.from(config));
  }

  /** Sets DJL's properties from {@code settings}, unless a system property already did. */
  public static void configure(Settings settings) {
    setIfAbsent("ai.djl.offline", String.valueOf(settings.offline()));
    setIfAbsent("ai.djl.pytorch.num_threads", String.valueOf(settings.numThreads()));
    setIfAbsent("ai.djl.pytorch.num_interop_threads", String.valueOf(settings.numInteropThreads()));
    // DJL's graph executor optimiser only serves TorchScript models; Downhill runs eager ops.
    setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * The device for {@code choice}: auto takes CUDA if present, else Apple's MPS on macOS/arm64,
   * else the CPU. Throws {@link IllegalArgumentException} when the chosen device is absent.
   */
  public static Device resolve(DeviceChoice choice) {
    boolean cuda = Engine.getInstance().getGpuCount() > 0;
    boolean mps = isAppleSilicon();
    return switch (choice) {
      case CPU -> Device.cpu();
      case GPU -> {
        if (!cuda) {
          throw new IllegalArgumentException("no CUDA GPU is visible to PyTorch on this machine");
        }
        yield Device.gpu();
      }
      case MPS -> {
        if (!mps) {
          throw new IllegalArgumentException("Apple MPS needs macOS on Apple silicon");
        }
        yield Device.of("mps", -1);
      }
      case AUTO -> cuda ? Device.gpu() : mps ? Device.of("mps", -1) : Device.cpu();
    };
  }

  private static boolean isAppleSilicon() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return os.contains("mac") && (arch.equals("aarch64") || arch.equals("arm64"));
  }
}
