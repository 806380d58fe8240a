package org.linli.resident.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures every notice channel against local providers the test starts on these ports: an Alibaba-SMS-like HTTP
 * server, a WeChat-like HTTP server and a real SMTP server (GreenMail). The logged channel is off, so only real
 * channels (and the duty desk's console) can take a notice. Credentials here are made up for the tests.
 */
public class NoticeProviders implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int sms = freePort();
        int wechat = freePort();
        int smtp = freePort();
        Map<String, String> config = new HashMap<>();
        config.put("linli.test.sms-port", String.valueOf(sms));
        config.put("linli.test.wechat-port", String.valueOf(wechat));
        config.put("linli.test.smtp-port", String.valueOf(smtp));
        config.put("linli.notices.log.enabled", "false");
        config.put("linli.notices.poll", "300ms");
        config.put("linli.notices.first-backoff", "250ms");
        config.put("linli.notices.max-attempts", "3");
        config.put("linli.notices.sms.endpoint", "http://127.0.0.1:" + sms + "/");
        config.put("linli.notices.sms.access-key-id", "testid");
        config.put("linli.notices.sms.access-key-secret", "testsecret");
        config.put("linli.notices.sms.sign-name", "邻里");
        config.put("linli.notices.sms.templates.family", "SMS_100001");
        config.put("linli.notices.sms.templates.grid-head", "SMS_100002");
        config.put("linli.notices.sms.templates.duty-desk", "SMS_100003");
        config.put("linli.notices.sms.templates.escalated", "SMS_100004");
        config.put("linli.notices.sms.templates.fallback", "SMS_100005");
        config.put("linli.notices.wechat.base-url", "http://127.0.0.1:" + wechat);
        config.put("linli.notices.wechat.app-id", "wx-test-app");
        config.put("linli.notices.wechat.app-secret", "wx-test-secret");
        config.put("linli.notices.wechat.templates.family", "tmpl-family");
        config.put("linli.notices.wechat.templates.grid-head", "tmpl-grid-head");
        config.put("linli.notices.wechat.templates.duty-desk", "tmpl-duty-desk");
        config.put("linli.notices.wechat.templates.escalated", "tmpl-escalated");
        config.put("linli.notices.wechat.templates.fallback", "tmpl-fallback");
        config.put("linli.notices.wechat.page", "pages/alerts/index");
        config.put("linli.notices.email.enabled", "true");
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(smtp));
        config.put("quarkus.mailer.from", "notices@linli.test");
        config.put("quarkus.mailer.start-tls", "DISABLED");
        return config;
    }

    @Override
    public void stop() {
        // the test class stops the servers it started
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
