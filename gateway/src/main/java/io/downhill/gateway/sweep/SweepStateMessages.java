package io.downhill.gateway.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.downhill.gateway.http.WireJson;
import io.downhill.gateway.sweep.SweepView.VariantView;
import io.downhill.sweep.SweepState;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's state as WebSocket messages of bounded size, as a session's steps are: a {@code
 * sweep-state} with the sweep's header and its first variants, then {@code sweep-variants} messages
 * with the rest, each holding at most about {@link #VARIANT_CHARACTERS} of variants, so that ten
 * thousand variants never make one frame of megabytes.
 */
final class SweepStateMessages {
  static final int VARIANT_CHARACTERS = 64 * 1024;

  private SweepStateMessages() {}

  /** The sweep's state after a change, with its first variants. */
  record State(String type, String sweep, long seq, String change, SweepView state) {}

  /**
   * More variants of the state numbered {@code seq}, from index {@code from}; {@code next} is the
   * {@code from} of the following message, or null after the last. The variants are encoded once,
   * when they are measured.
   */
  record Variants(
      String type,
      String sweep,
      long seq,
      int from,
      @JsonInclude(JsonInclude.Include.ALWAYS) Integer next,
      @JsonRawValue String variants) {}

  /** The messages of one state, in the order they must go out. */
  static List<String> encode(String sweep, long seq, String change, SweepState state) {
    List<VariantView> views = SweepView.variants(state);
    List<String> encoded = new ArrayList<>(views.size());
    for (VariantView view : views) {
      encoded.add(WireJson.encode(view));
    }
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    int characters = 0;
    for (int i = 0; i < encoded.size(); i++) {
      int length = encoded.get(i).length() + 1;
      if (characters > 0 && characters + length > VARIANT_CHARACTERS) {
        starts.add(i);
        characters = 0;
      }
      characters += length;
    }
    starts.add(encoded.size());
    List<String> messages = new ArrayList<>(starts.size() - 1);
    for (int part = 0; part + 1 < starts.size(); part++) {
      int from = starts.get(part);
      int to = starts.get(part + 1);
      Integer next = to < encoded.size() ? to : null;
      if (part == 0) {
        SweepView header = SweepView.part(state, null, views.subList(from, to), next);
        messages.add(WireJson.encode(new State("sweep-state", sweep, seq, change, header)));
      } else {
        String variants = "[" + String.join(",", encoded.subList(from, to)) + "]";
        messages.add(
            WireJson.encode(new Variants("sweep-variants", sweep, seq, from, next, variants)));
      }
    }
    return messages;
  }
}
