package io.downhill.loadtest;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Everything measured inside the window, ready to report.
 *
 * @param seconds the window's length as measured (from the first to the last count of the clients)
 * @param received what all clients received in the window
 * @param framesPerClient frames each client received in the window, ascending
 * @param latencyMicros step-to-client latency of every {@code steps} message, in microseconds
 * @param stepsMadePerSecond steps all sessions made a second, from their step numbers at the edges
 *     (NaN when the server did not answer)
 * @param stepsReadSeconds how long the slower of the two step readings took to answer: the steps'
 *     instants are known only to within this
 * @param server the server's metrics readings
 * @param serverCpuSeconds CPU the server process used (NaN when unknown)
 * @param serverThreads the server threads that used the most CPU
 * @param loadCpuSeconds CPU this load generator used
 * @param loadThreads this generator's busiest threads
 * @param machineBusySeconds CPU all processes on the machine used (NaN when unknown)
 */
record WindowResult(
    double seconds,
    WatcherCounts received,
    List<Long> framesPerClient,
    Histogram latencyMicros,
    double stepsMadePerSecond,
    double stepsReadSeconds,
    ServerSamples server,
    double serverCpuSeconds,
    List<ProcessCpu.ThreadTicks> serverThreads,
    double loadCpuSeconds,
    List<ProcessCpu.ThreadTicks> loadThreads,
    double machineBusySeconds) {}
