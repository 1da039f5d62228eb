package io.downhill.gateway.session;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.AnswerBudget;
import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.PageQuery;
import io.downhill.gateway.http.Replies;
import io.downhill.session.StepHistory;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/sessions/{id}/history}: JSON in pages that fit the answer's budget, each naming
 * the {@code from} of the next; CSV streamed page by page, so the server never holds more than one
 * page of it, waiting whenever the client's connection is full. One per server.
 */
public final class HistoryPages {
  private final SessionClient client;
  private final AnswerBudget budget;

  public HistoryPages(SessionClient client, AnswerBudget budget) {
    this.client = client;
    this.budget = budget;
  }

  public void serve(RoutingContext ctx) {
    String format =
        ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
    PageQuery query;
    try {
      if (!format.equals("json") && !format.equals("csv")) {
        throw ApiError.badRequest("format", "must be csv or json");
      }
      query = PageQuery.parse(ctx, 1);
    } catch (ApiError error) {
      Replies.error(ctx, error);
      return;
    }
    String id = ctx.pathParam("id");
    Context context = ctx.vertx().getOrCreateContext();
    // The model's size says how many steps fit; the page is checked again once it is here.
    client
        .state(id, context)
        .onSuccess(
            state -> {
              boolean validated = state.spec().data().validationCount() > 0;
              long perStep = (validated ? 4L : 3L) + 2L * state.params().length;
              if (format.equals("csv")) {
                int pageSize = budget.fitting(perStep, 0);
                new CsvStream(ctx, id, context, pageSize, query.limit(), validated)
                    .next(query.from());
              } else {
                long limit =
                    Math.min(query.limit(), budget.fitting(perStep, HistoryExport.OWN_NUMBERS));
                client
                    .history(id, query.from(), (int) limit, context)
                    .onSuccess(
                        history -> {
                          attachment(ctx, id, "json");
                          Replies.json(
                              ctx,
                              200,
                              HistoryExport.page(history, query.from(), limit, budget.maxValues()));
                        })
                    .onFailure(failure -> Replies.error(ctx, failure));
              }
            })
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private static void attachment(RoutingContext ctx, String id, String format) {
    String name = "downhill-" + id + "." + format;
    ctx.response().putHeader("content-disposition", "attachment; filename=\"" + name + "\"");
  }

  /**
   * One CSV download: pages asked one after another, each written once the previous one left, up to
   * the last step recorded when the download began (a running session does not make it endless).
   */
  private final class CsvStream {
    private final RoutingContext ctx;
    private final String id;
    private final Context context;
    private final int pageSize;
    private final boolean validated;
    private long remaining;
    private long end = -1;

    CsvStream(
        RoutingContext ctx,
        String id,
        Context context,
        int pageSize,
        long limit,
        boolean validated) {
      this.ctx = ctx;
      this.validated = validated;
      this.id = id;
      this.context = context;
      this.pageSize = pageSize;
      this.remaining = limit;
    }

    void next(long from) {
      client
          .history(id, from, (int) Math.min(pageSize, remaining), context)
          .onSuccess(this::write)
          .onFailure(this::fail);
    }

    private void write(StepHistory.History page) {
      HttpServerResponse response = ctx.response();
      if (response.closed()) {
        return;
      }
      if (end < 0) {
        end = page.recorded();
        attachment(ctx, id, "csv");
        response
            .setStatusCode(200)
            .setChunked(true)
            .putHeader("content-type", "text/csv; charset=utf-8")
            .putHeader("cache-control", "no-store")
            .write(HistoryExport.csvHeader(page.parameterNames(), validated));
      }
      long[] steps = page.steps();
      int rows = 0;
      while (rows < steps.length && rows < remaining && steps[rows] <= end) {
        rows++;
      }
      if (rows > 0) {
        response.write(HistoryExport.csvRows(page, rows, validated));
      }
      remaining -= rows;
      if (rows == 0 || remaining == 0 || steps[rows - 1] >= end) {
        response.end();
        return;
      }
      long from = steps[rows - 1] + 1;
      if (response.writeQueueFull()) {
        response.drainHandler(
            drained -> {
              response.drainHandler(null);
              next(from);
            });
      } else {
        next(from);
      }
    }

    private void fail(Throwable failure) {
      if (end < 0) {
        Replies.error(ctx, failure);
      } else if (!ctx.response().closed()) {
        // Headers and rows are out: cutting the connection is the only way left to say so.
        ctx.response().reset();
      }
    }
  }
}
