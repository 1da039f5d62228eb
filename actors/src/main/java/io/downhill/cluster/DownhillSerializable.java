package io.downhill.cluster;

/**
 * Marks every message and event that may cross a JVM boundary: session commands, replies and
 * events. One marker, bound to one serializer, when sessions are sharded over a cluster.
 */
public interface DownhillSerializable {}
