package org.linli.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The local run's mailbox: a real SMTP server (GreenMail, on 127.0.0.1 only) that resident-service sends care-alert
 * e-mails to, and a page listing what arrived, newest first, so a developer sees what a daughter, a grid head or a
 * duty desk would receive. Accepts mail for any address and keeps it in memory until the run stops. Development only:
 * nothing here leaves the machine.
 */
public final class LocalMailbox implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One e-mail as it arrived. */
    public record Mail(Instant received, List<String> to, String subject, String text, String notice) {
    }

    private record MailView(String received, List<String> to, String subject, String text, String notice) {
    }

    private final GreenMail smtp;
    private final HttpServer page;

    private LocalMailbox(GreenMail smtp, HttpServer page) {
        this.smtp = smtp;
        this.page = page;
    }

    /** Starts the SMTP server and its page; a port of 0 picks a free one. */
    public static LocalMailbox start(int smtpPort, int pagePort) {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort == 0 ? org.linli.infra.FreePorts.pick() : smtpPort, "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", pagePort), 0);
            LocalMailbox mailbox = new LocalMailbox(smtp, page);
            page.createContext("/mails.json", mailbox::json);
            page.createContext("/", mailbox::html);
            page.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "local-mailbox");
                thread.setDaemon(true);
                return thread;
            }));
            page.start();
            return mailbox;
        } catch (IOException | RuntimeException e) {
            smtp.stop();
            throw new IllegalStateException("The local mailbox's page could not start on port " + pagePort, e);
        }
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public URI pageUri() {
        return URI.create("http://127.0.0.1:" + page.getAddress().getPort() + "/");
    }

    /** Every e-mail received so far, newest first. */
    public List<Mail> mails() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            mails.add(read(message));
        }
        mails.sort(Comparator.comparing(Mail::received).reversed());
        return mails;
    }

    /** The e-mails sent to this address, newest first. */
    public List<Mail> to(String address) {
        return mails().stream().filter(mail -> mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(address))).toList();
    }

    private static Mail read(MimeMessage message) {
        try {
            Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                    : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.EPOCH;
            Address[] recipients = message.getAllRecipients();
            List<String> to = recipients == null ? List.of()
                    : Arrays.stream(recipients).map(Address::toString).toList();
            Object content = message.getContent();
            String[] notice = message.getHeader("X-Linli-Notice");
            return new Mail(received, to, message.getSubject(), content instanceof String text ? text.strip() : String.valueOf(content),
                    notice == null || notice.length == 0 ? null : notice[0]);
        } catch (MessagingException | IOException e) {
            return new Mail(Instant.EPOCH, List.of(), "(unreadable message)", e.getClass().getSimpleName(), null);
        }
    }

    private void json(HttpExchange exchange) throws IOException {
        respond(exchange, "application/json", JSON.writeValueAsBytes(mails().stream()
                .map(m -> new MailView(m.received().toString(), m.to(), m.subject(), m.text(), m.notice())).toList()));
    }

    private void html(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        List<Mail> mails = mails();
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="5">
                <title>本地邮箱 · Local mailbox — Linli</title>
                <style>
                body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;background:#f6f4ef;color:#222}
                header{background:#b3261e;color:#fff;padding:16px 24px}h1{margin:0;font-size:20px}
                header p{margin:4px 0 0;font-size:14px;opacity:.9}main{max-width:900px;margin:0 auto;padding:16px}
                article{background:#fff;border-radius:8px;padding:16px;margin:12px 0;box-shadow:0 1px 2px #0002}
                h2{font-size:17px;margin:0 0 6px}.meta{color:#555;font-size:13px;margin-bottom:10px}
                pre{white-space:pre-wrap;font:inherit;font-size:16px;margin:0}.empty{color:#555;padding:32px 0;text-align:center}
                </style></head><body><header><h1>本地邮箱 · Local mailbox</h1>
                <p>本地运行时发出的告警邮件（开发用，不会寄出）· Care-alert e-mails of this local run (development only: nothing leaves this machine). SMTP 127.0.0.1:""");
        html.append(smtpPort()).append(" · ").append(mails.size()).append(mails.size() == 1 ? " mail" : " mails")
                .append("</p></header><main>");
        if (mails.isEmpty()) {
            html.append("<p class=\"empty\">还没有邮件。一户送餐无人应答时，女儿会在这里收到通知。<br>"
                    + "No mail yet. When nobody answers a door on a lunch round, the daughter's notice arrives here.</p>");
        }
        for (Mail mail : mails) {
            html.append("<article><h2>").append(escape(mail.subject())).append("</h2><div class=\"meta\">")
                    .append(escape(TIME.format(mail.received()))).append(" · ")
                    .append(escape(String.join(", ", mail.to()))).append("</div><pre>").append(escape(mail.text()))
                    .append("</pre></article>");
        }
        html.append("</main></body></html>");
        respond(exchange, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        page.stop(0);
        smtp.stop();
    }
}
