package io.downhill.bench;

/**
 * The JVM flags every benchmark fork starts with, in one place. The parent pom sets DJL's
 * properties for surefire only, so a JMH fork must set them itself: no download, and libtorch's
 * pools at one thread each, as the server runs them (many sessions already run in parallel).
 */
public final class BenchJvm {
  private BenchJvm() {}

  public static final String OFFLINE = "-Dai.djl.offline=true";
  public static final String ONE_INTRA_OP_THREAD = "-Dai.djl.pytorch.num_threads=1";
  public static final String ONE_INTER_OP_THREAD = "-Dai.djl.pytorch.num_interop_threads=1";
}
