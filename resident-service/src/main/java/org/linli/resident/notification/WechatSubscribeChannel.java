package org.linli.resident.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * A WeChat subscription message (订阅消息) to the person's openid: {@code POST /cgi-bin/message/subscribe/send
 * ?access_token=…} with touser, template_id, page, miniprogram_state, lang and data ({keyword: {value}}). The access
 * token comes from {@code GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…} and is kept until shortly
 * before it expires (expires_in), or until WeChat says it is invalid (40001, 40014, 42001: fetched again, sent once
 * more). A person who has not subscribed or refused (43101) is refused for good: the next channel is tried.
 */
@ApplicationScoped
public class WechatSubscribeChannel implements NotificationChannel {

    private static final Set<Integer> TOKEN_INVALID = Set.of(40001, 40014, 42001);
    /** busy, rate limits: worth another attempt later. */
    private static final Set<Integer> RETRYABLE = Set.of(-1, 45009, 45011, 45047);
    /** What WeChat allows in a "thing" value. */
    private static final int THING_LIMIT = 20;

    private final NoticeConfig.Wechat config;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private volatile Token token;

    private record Token(String value, Instant renewAt) {
    }

    WechatSubscribeChannel(NoticeConfig config, ObjectMapper json, Clock clock) {
        this.config = config.wechat();
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    @Override
    public String name() {
        return "wechat";
    }

    @Override
    public boolean canReach(Recipient recipient, NoticeMessage message) {
        return recipient.wechatOpenId() != null && config.appId().isPresent() && config.appSecret().isPresent()
                && config.templates().of(message.template()).isPresent();
    }

    @Override
    public Outcome send(Recipient recipient, NoticeMessage message) {
        try {
            String accessToken = token(false);
            if (accessToken == null) {
                return Outcome.retry("token");
            }
            Outcome outcome = post(accessToken, recipient, message);
            if (outcome == null) { // the token was no longer valid: once more with a new one
                accessToken = token(true);
                outcome = accessToken == null ? Outcome.retry("token") : post(accessToken, recipient, message);
            }
            return outcome == null ? Outcome.retry("token-invalid") : outcome;
        } catch (IOException e) {
            return Outcome.retry("io: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted");
        }
    }

    /** The body WeChat receives: only the values the template has, "thing" values cut to WeChat's limit. */
    Map<String, Object> body(Recipient recipient, NoticeMessage message) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, String> params = message.params();
        put(data, config.fieldName(), params.get("name"));
        put(data, config.fieldEvent(), params.get("event"));
        put(data, config.fieldRef(), params.get("ref"));
        put(data, config.fieldTime(), message.time());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", recipient.wechatOpenId());
        body.put("template_id", config.templates().of(message.template()).orElseThrow());
        config.page().ifPresent(page -> body.put("page", page));
        body.put("miniprogram_state", config.miniprogramState());
        body.put("lang", "en".equals(message.language()) ? "en_US" : "zh_CN");
        body.put("data", data);
        return body;
    }

    private static void put(Map<String, Object> data, String keyword, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String cut = keyword.startsWith("thing") && value.codePointCount(0, value.length()) > THING_LIMIT
                ? value.substring(0, value.offsetByCodePoints(0, THING_LIMIT))
                : value;
        data.put(keyword, Map.of("value", cut));
    }

    /** null when the token was not valid any more. */
    private Outcome post(String accessToken, Recipient recipient, NoticeMessage message)
            throws IOException, InterruptedException {
        URI uri = config.baseUrl().resolve("/cgi-bin/message/subscribe/send?access_token=" + accessToken);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body(recipient, message)),
                        StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            return Outcome.retry("http-" + response.statusCode());
        }
        JsonNode answer = json.readTree(response.body());
        int errcode = answer.path("errcode").asInt(0);
        if (errcode == 0) {
            return Outcome.accepted("ok");
        }
        if (TOKEN_INVALID.contains(errcode)) {
            token = null;
            return null;
        }
        Log.warnf("WeChat message for notice %s refused: %d", message.noticeId(), errcode);
        return RETRYABLE.contains(errcode) ? Outcome.retry(String.valueOf(errcode)) : Outcome.refused(String.valueOf(errcode));
    }

    /** The cached access token, fetched when there is none, it is about to expire, or WeChat said it is invalid. */
    private synchronized String token(boolean renew) throws IOException, InterruptedException {
        Token current = token;
        if (!renew && current != null && Instant.now(clock).isBefore(current.renewAt())) {
            return current.value();
        }
        URI uri = config.baseUrl().resolve("/cgi-bin/token?grant_type=client_credential&appid="
                + AlibabaSmsChannel.percentEncode(config.appId().orElseThrow()) + "&secret="
                + AlibabaSmsChannel.percentEncode(config.appSecret().orElseThrow()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(config.timeout()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode answer = response.statusCode() == 200 ? json.readTree(response.body()) : null;
        if (answer == null || !answer.hasNonNull("access_token")) {
            Log.warnf("WeChat access token not issued: %s", answer == null ? "http-" + response.statusCode()
                    : answer.path("errcode").asText());
            token = null;
            return null;
        }
        long expiresIn = answer.path("expires_in").asLong(7200);
        // renew five minutes early (or halfway through a short-lived token)
        Duration early = Duration.ofSeconds(Math.min(300, expiresIn / 2));
        token = new Token(answer.get("access_token").asText(), Instant.now(clock).plusSeconds(expiresIn).minus(early));
        return token.value();
    }
}
