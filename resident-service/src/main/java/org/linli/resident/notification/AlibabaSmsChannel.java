package org.linli.resident.notification;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * SMS through Alibaba Cloud SMS (dysmsapi, API version 2017-05-25, action SendSms), an RPC-style API signed as Alibaba
 * Cloud's "signature mechanism" for RPC APIs specifies: every parameter but Signature sorted by name, names and values
 * percent-encoded (RFC 3986 unreserved characters kept, space as %20), joined into the canonicalized query string;
 * StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(canonicalized query);
 * Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)); SignatureMethod HMAC-SHA1, SignatureVersion 1.0,
 * a fresh SignatureNonce per request, Timestamp in ISO 8601 UTC. Sent as POST with the form-encoded parameters.
 * The text is the approved template (TemplateCode) filled with TemplateParam (JSON); OutId carries the notice id.
 */
@ApplicationScoped
public class AlibabaSmsChannel implements NotificationChannel {

    static final String API_VERSION = "2017-05-25";
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Codes worth another attempt later: throttling and the provider's own trouble. */
    private static final Set<String> RETRYABLE = Set.of("isv.BUSINESS_LIMIT_CONTROL", "isv.OUT_OF_SERVICE",
            "SignatureNonceUsed", "ServiceUnavailable", "InternalError", "Throttling", "Throttling.User", "Throttling.Api");

    private final NoticeConfig.Sms config;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;

    AlibabaSmsChannel(NoticeConfig config, ObjectMapper json, Clock clock) {
        this.config = config.sms();
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    @Override
    public String name() {
        return "sms";
    }

    @Override
    public boolean canReach(Recipient recipient, NoticeMessage message) {
        return recipient.phone() != null && config.accessKeyId().isPresent() && config.accessKeySecret().isPresent()
                && config.signName().isPresent() && config.templates().of(message.template()).isPresent();
    }

    @Override
    public Outcome send(Recipient recipient, NoticeMessage message) {
        SortedMap<String, String> params = new TreeMap<>();
        params.put("AccessKeyId", config.accessKeyId().orElseThrow());
        params.put("Action", "SendSms");
        params.put("Format", "JSON");
        params.put("OutId", message.noticeId().toString());
        params.put("PhoneNumbers", mainland(recipient.phone()));
        params.put("RegionId", config.regionId());
        params.put("SignName", config.signName().orElseThrow());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("SignatureVersion", "1.0");
        params.put("TemplateCode", config.templates().of(message.template()).orElseThrow());
        params.put("Timestamp", TIMESTAMP.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)));
        params.put("Version", API_VERSION);
        try {
            params.put("TemplateParam", json.writeValueAsString(message.params()));
        } catch (JsonProcessingException e) {
            return Outcome.refused("template-param");
        }
        String canonical = canonicalize(params);
        String signature = sign("POST", canonical, config.accessKeySecret().orElseThrow());
        String body = canonical + "&Signature=" + percentEncode(signature);
        HttpRequest request = HttpRequest.newBuilder(config.endpoint()).timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String code = code(response.body());
            if (response.statusCode() == 200 && "OK".equals(code)) {
                return Outcome.accepted("OK");
            }
            String detail = code == null ? "http-" + response.statusCode() : code;
            boolean retry = response.statusCode() >= 500 || response.statusCode() == 429
                    || (code != null && (RETRYABLE.contains(code) || code.startsWith("isp.") || code.startsWith("Throttling")));
            Log.warnf("SMS for notice %s refused: %s", message.noticeId(), detail);
            return retry ? Outcome.retry(detail) : Outcome.refused(detail);
        } catch (IOException e) {
            return Outcome.retry("io: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted");
        }
    }

    private String code(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.hasNonNull("Code") ? node.get("Code").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Alibaba's PhoneNumbers take a mainland number without +86. */
    static String mainland(String phone) {
        String digits = phone.replaceAll("[\\s-]", "");
        return digits.startsWith("+86") ? digits.substring(3) : digits;
    }

    /** The canonicalized query string: sorted by name, each name and value percent-encoded, joined with &. */
    static String canonicalize(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Base64(HMAC-SHA1(secret + "&", method + "&" + percentEncode("/") + "&" + percentEncode(canonical))). */
    static String sign(String method, String canonical, String accessKeySecret) {
        String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonical);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 unavailable", e);
        }
    }

    /** UTF-8 percent-encoding as Alibaba Cloud documents it: A-Z a-z 0-9 - _ . ~ kept, space as %20, * as %2A. */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
