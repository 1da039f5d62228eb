package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workshops and who may do what in them, over real HTTP and WebSocket. */
class WorkshopsApiTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of(
              "downhill.workshop.max-participants", 4,
              "downhill.workshop.max-workshops", 8));

  private JsonObject open() {
    HttpResponse<Buffer> response =
        server.send(
            "POST",
            "/api/workshops",
            null,
            "{\"title\":\"Lesson\",\"scenario\":{\"preset\":\"notebook\"}}");
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private JsonObject join(JsonObject workshop, String name) {
    String code = workshop.getString("code").toLowerCase().replace("-", " ");
    HttpResponse<Buffer> response =
        server.send(
            "POST",
            "/api/workshops/join",
            null,
            new JsonObject().put("code", code).put("name", name).encode());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void theInstructorExtendsTheWorkshopAndRemovesAParticipant() {
    JsonObject workshop = open();
    String id = workshop.getString("id");
    String instructor = workshop.getString("instructorToken");
    java.time.Instant endsAt = java.time.Instant.parse(workshop.getString("endsAt"));
    assertThat(endsAt).isAfter(java.time.Instant.now().plus(Duration.ofHours(11)));

    HttpResponse<Buffer> tooLong =
        server.send("POST", "/api/workshops/" + id + "/extend", instructor, "{\"hours\":13}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.bodyAsJsonObject().getString("field")).isEqualTo("hours");
    HttpResponse<Buffer> notANumber =
        server.send("POST", "/api/workshops/" + id + "/extend", instructor, "{\"hours\":\"x\"}");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(notANumber.bodyAsJsonObject().getString("field")).isEqualTo("hours");
    HttpResponse<Buffer> extended =
        server.send("POST", "/api/workshops/" + id + "/extend", instructor, "{\"hours\":2}");
    assertThat(extended.statusCode()).isEqualTo(200);
    assertThat(java.time.Instant.parse(extended.bodyAsJsonObject().getString("endsAt")))
        .isAfter(endsAt);

    JsonObject ada = join(workshop, "Ada");
    String removePath = "/api/workshops/" + id + "/participants/" + ada.getString("participant");
    assertThat(server.send("DELETE", removePath, ada.getString("token"), null).statusCode())
        .isEqualTo(403);
    HttpResponse<Buffer> removed = server.send("DELETE", removePath, instructor, null);
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(removed.bodyAsJsonObject().getJsonArray("participants")).isEmpty();
    assertThat(server.send("DELETE", removePath, instructor, null).statusCode()).isEqualTo(404);
  }

  @Test
  void instructorSeesParticipantsAndParticipantsDriveOnlyTheirOwnSession() {
    JsonObject workshop = open();
    String id = workshop.getString("id");
    String instructor = workshop.getString("instructorToken");
    assertThat(workshop.getString("code")).matches("[A-Z2-9]{5}-[A-Z2-9]{5}");

    JsonObject ada = join(workshop, "Ada <b>Lovelace</b>");
    JsonObject bob = join(workshop, "Bob");
    JsonObject full =
        server.send("GET", "/api/workshops/" + id, instructor, null).bodyAsJsonObject();
    assertThat(full.getJsonArray("participants")).hasSize(2);
    assertThat(full.getJsonArray("participants").getJsonObject(0).getString("name"))
        .isEqualTo("Ada <b>Lovelace</b>");
    JsonObject room = server.send("GET", "/api/workshops/" + id, null, null).bodyAsJsonObject();
    assertThat(room.containsKey("participants")).isFalse();
    assertThat(room.containsKey("code")).isFalse();

    String bobSteps = "/api/sessions/" + bob.getString("session") + "/steps";
    assertThat(server.send("POST", bobSteps, ada.getString("token"), "{\"count\":1}").statusCode())
        .isEqualTo(403);
    assertThat(server.send("POST", bobSteps, null, "{\"count\":1}").statusCode()).isEqualTo(401);
    assertThat(server.send("POST", bobSteps, instructor, "{\"count\":1}").statusCode())
        .isEqualTo(403);
    assertThat(server.send("POST", bobSteps, bob.getString("token"), "{\"count\":3}").statusCode())
        .isEqualTo(200);
    assertThat(
            server
                .send("GET", "/api/sessions/" + bob.getString("session"), null, null)
                .statusCode())
        .isEqualTo(200);

    String spotlight = "/api/workshops/" + id + "/spotlight";
    String body = new JsonObject().put("session", bob.getString("session")).encode();
    assertThat(server.send("POST", spotlight, ada.getString("token"), body).statusCode())
        .isEqualTo(403);
    assertThat(server.send("POST", spotlight, null, body).statusCode()).isEqualTo(401);
    assertThat(
            server
                .send("POST", spotlight, instructor, body)
                .bodyAsJsonObject()
                .getString("spotlight"))
        .isEqualTo(bob.getString("session"));

    JsonObject forked =
        server
            .send("POST", "/api/workshops/" + id + "/fork", ada.getString("token"), null)
            .bodyAsJsonObject();
    assertThat(forked.getString("id")).isEqualTo(ada.getString("session"));
    JsonObject bobState =
        server
            .send("GET", "/api/sessions/" + bob.getString("session"), null, null)
            .bodyAsJsonObject();
    assertThat(forked.getJsonArray("params")).isEqualTo(bobState.getJsonArray("params"));

    JsonObject rejoined =
        server
            .send(
                "POST",
                "/api/workshops/join",
                null,
                new JsonObject()
                    .put("workshop", id)
                    .put("rejoinToken", ada.getString("token"))
                    .encode())
            .bodyAsJsonObject();
    assertThat(rejoined.getString("session")).isEqualTo(ada.getString("session"));
  }

  @Test
  void instructorControlsTheRoom() {
    JsonObject workshop = open();
    String id = workshop.getString("id");
    String instructor = workshop.getString("instructorToken");
    JsonObject ada = join(workshop, "Ada");
    server.send(
        "POST",
        "/api/sessions/" + ada.getString("session") + "/run",
        ada.getString("token"),
        "{\"count\":10000000}");
    assertThat(
            server
                .send("POST", "/api/workshops/" + id + "/open", instructor, "{\"steps\":3}")
                .bodyAsJsonObject()
                .getInteger("openSteps"))
        .isEqualTo(3);
    assertThat(
            server
                .send("POST", "/api/workshops/" + id + "/open", instructor, "{\"steps\":9}")
                .bodyAsJsonObject()
                .getString("field"))
        .isEqualTo("steps");
    server.send("POST", "/api/workshops/" + id + "/pause-all", instructor, null);
    await("Ada's session paused")
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                server
                    .send("GET", "/api/sessions/" + ada.getString("session"), null, null)
                    .bodyAsJsonObject()
                    .getString("status"),
            "idle"::equals);
    JsonObject pushed =
        server
            .send(
                "POST",
                "/api/workshops/" + id + "/scenario",
                instructor,
                "{\"scenario\":{\"preset\":\"relu\"}}")
            .bodyAsJsonObject();
    assertThat(pushed.getJsonObject("scenario").getJsonObject("model").getString("kind"))
        .isEqualTo("relu-sum");
    await("Ada's session on the new scenario")
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                server
                    .send("GET", "/api/sessions/" + ada.getString("session"), null, null)
                    .bodyAsJsonObject()
                    .getJsonArray("params")
                    .size(),
            params -> params == 4);

    JsonObject revoked =
        server
            .send("POST", "/api/workshops/" + id + "/code", instructor, "{\"renew\":false}")
            .bodyAsJsonObject();
    assertThat(revoked.containsKey("code")).isFalse();
    HttpResponse<Buffer> refused =
        server.send(
            "POST",
            "/api/workshops/join",
            null,
            new JsonObject().put("code", workshop.getString("code")).put("name", "Late").encode());
    assertThat(refused.statusCode()).isEqualTo(404);
    JsonObject renewed =
        server
            .send("POST", "/api/workshops/" + id + "/code", instructor, "{\"renew\":true}")
            .bodyAsJsonObject();
    assertThat(renewed.getString("code")).isNotEqualTo(workshop.getString("code"));

    assertThat(
            server
                .send("DELETE", "/api/workshops/" + id, ada.getString("token"), null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            server
                .send("DELETE", "/api/workshops/" + id, instructor, null)
                .bodyAsJsonObject()
                .getBoolean("closed"))
        .isTrue();
    await("Ada's session ended with the workshop")
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                server
                    .send("GET", "/api/sessions/" + ada.getString("session"), null, null)
                    .statusCode(),
            code -> code == 404);
  }

  @Test
  void fullWorkshopIs429() {
    JsonObject workshop = open();
    for (int i = 0; i < 4; i++) {
      join(workshop, "P" + i);
    }
    HttpResponse<Buffer> response =
        server.send(
            "POST",
            "/api/workshops/join",
            null,
            new JsonObject().put("code", workshop.getString("code")).put("name", "P5").encode());
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("full");
  }

  @Test
  void guessingCodesIsThrottled() {
    // A server of its own: the throttle counts per address, and every test here is 127.0.0.1.
    try (RunningServer own =
        RunningServer.start(
            server.vertx(), Map.of("downhill.gateway.wrong-join-codes-per-minute", 5))) {
      int status = 0;
      int tries = 0;
      while (status != 429 && tries < 10) {
        status =
            own.send(
                    "POST",
                    "/api/workshops/join",
                    null,
                    "{\"code\":\"AAAAA-AAAA" + (char) ('A' + tries) + "\",\"name\":\"Eve\"}")
                .statusCode();
        tries++;
        assertThat(status).isIn(404, 429);
      }
      assertThat(status).isEqualTo(429);
      assertThat(tries).isEqualTo(6);
    }
  }

  @Test
  void roomSocketHidesWhatOnlyTheInstructorSees() {
    JsonObject workshop = open();
    String id = workshop.getString("id");
    try (WsClient room = WsClient.connect(server.vertx(), server.port(), null);
        WsClient teacher = WsClient.connect(server.vertx(), server.port(), null)) {
      room.send(new JsonObject().put("type", "subscribe").put("workshop", id));
      teacher.send(
          new JsonObject()
              .put("type", "subscribe")
              .put("workshop", id)
              .put("token", workshop.getString("instructorToken")));
      room.next("workshop-state");
      teacher.next("workshop-state");
      join(workshop, "Ada");
      JsonObject seenByRoom =
          room.next(m -> "joined".equals(m.getString("change")), Duration.ofSeconds(5));
      JsonObject seenByTeacher =
          teacher.next(m -> "joined".equals(m.getString("change")), Duration.ofSeconds(5));
      assertThat(seenByRoom.getJsonObject("state").containsKey("participants")).isFalse();
      assertThat(seenByRoom.getJsonObject("state").containsKey("code")).isFalse();
      assertThat(seenByTeacher.getJsonObject("state").getJsonArray("participants")).hasSize(1);
      room.send(
          new JsonObject()
              .put("type", "subscribe")
              .put("workshop", id)
              .put("token", "guess")
              .put("requestId", 9));
      assertThat(room.next("error").getInteger("status")).isEqualTo(403);
    }
  }
}
