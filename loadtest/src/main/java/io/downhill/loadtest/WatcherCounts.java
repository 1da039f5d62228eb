package io.downhill.loadtest;

/**
 * What one client has received since it connected (or, after {@link #minus}, within a window).
 *
 * @param frames WebSocket frames (one server flush each)
 * @param characters characters of those frames
 * @param messages messages inside the frames
 * @param stepMessages {@code steps} messages
 * @param steps steps inside them
 * @param stepEvents session events those messages covered ({@code seq - firstSeq + 1} each): more
 *     than one per message means the server merged several of a session's chunks into one frame
 * @param skippedMessages {@code skipped} messages (the server coalesced a backlog)
 * @param skippedSteps steps those messages said were left out
 * @param stateMessages {@code state} messages
 * @param runsEnded states saying a run finished, diverged or stopped
 * @param gaps sequence gaps no {@code skipped} message covered
 * @param missingEvents events lost in those gaps
 * @param stale messages repeating events already seen
 * @param errors {@code error} messages
 * @param closedByServer 1 when the server closed the connection, else 0
 */
record WatcherCounts(
    long frames,
    long characters,
    long messages,
    long stepMessages,
    long steps,
    long stepEvents,
    long skippedMessages,
    long skippedSteps,
    long stateMessages,
    long runsEnded,
    long gaps,
    long missingEvents,
    long stale,
    long errors,
    long closedByServer) {

  static final WatcherCounts ZERO = new WatcherCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  WatcherCounts plus(WatcherCounts o) {
    return new WatcherCounts(
        frames + o.frames,
        characters + o.characters,
        messages + o.messages,
        stepMessages + o.stepMessages,
        steps + o.steps,
        stepEvents + o.stepEvents,
        skippedMessages + o.skippedMessages,
        skippedSteps + o.skippedSteps,
        stateMessages + o.stateMessages,
        runsEnded + o.runsEnded,
        gaps + o.gaps,
        missingEvents + o.missingEvents,
        stale + o.stale,
        errors + o.errors,
        closedByServer + o.closedByServer);
  }

  WatcherCounts minus(WatcherCounts o) {
    return new WatcherCounts(
        frames - o.frames,
        characters - o.characters,
        messages - o.messages,
        stepMessages - o.stepMessages,
        steps - o.steps,
        stepEvents - o.stepEvents,
        skippedMessages - o.skippedMessages,
        skippedSteps - o.skippedSteps,
        stateMessages - o.stateMessages,
        runsEnded - o.runsEnded,
        gaps - o.gaps,
        missingEvents - o.missingEvents,
        stale - o.stale,
        errors - o.errors,
        closedByServer - o.closedByServer);
  }
}
