package org.linli.stack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.linli.infra.DevTokens;
import org.linli.stack.CommunityGenerator;
import org.linli.stack.CommunityLife;
import org.linli.stack.LinliStack;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The neighbourhood app's weight and speed on a phone: Mr Li opens his delivery round (two stops) in Debian's headless
 * Chromium throttled like a mid-range phone on a poor mobile network (Lighthouse's mobile profile: CPU 4× slower,
 * 150 ms round trips, 1.6 Mbit/s down, 750 kbit/s up), against the whole system on this machine.
 * <ul>
 * <li><b>first load</b>: the browser's cache and the app's service worker and caches cleared (his session kept), the
 * round opened: bytes over the network and the time from navigation to his stops on screen;</li>
 * <li><b>repeat load</b>: the same page opened again, the shell now from the service worker's cache.</li>
 * </ul>
 * Each {@code --runs} times (default 5); prints the median and the worst.
 *
 * <pre>
 * ./linli bench app [--runs 5] [--cpu 4] [--latency-ms 150] [--down-kbit 1600] [--up-kbit 750]
 * </pre>
 */
public final class AppPageBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AppPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new java.util.LinkedHashMap<>(Map.of("runs", 5, "cpu", 4, "latency-ms", 150,
                "down-kbit", 1600, "up-kbit", 750));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options.keySet());
            }
            options.put(name, Integer.parseInt(args[i + 1]));
        }
        Path home = LinliStack.home();
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/bench-logs"))) {
            URI residents = stack.service("resident-service").baseUri();
            CommunityGenerator generator = new CommunityGenerator(residents, 0, CommunityGenerator.newIdSequence());
            CommunityGenerator.Story story = generator.story(generator.tree(CommunityGenerator.subdistrict(residents)));
            new CommunityLife(stack.service("points-service").baseUri(), stack.service("canteen-service").baseUri(),
                    CommunityGenerator.COMMUNITY).seed(story).forEach(line -> System.out.println("  " + line));
            URI canteen = stack.service("canteen-service").baseUri();
            String staff = DevTokens.as("canteen-staff").community(CommunityGenerator.COMMUNITY).subject("canteen-staff-liu").mint();
            LocalDate tomorrow = LocalDate.now(LinliStack.COMMUNITY_TIME).plusDays(1);
            String prefix = "/communities/" + CommunityGenerator.COMMUNITY;
            awaitDiner(canteen, staff, prefix + "/diners/" + story.msZhao());
            awaitDiner(canteen, staff, prefix + "/diners/" + story.mrSun());
            for (String diner : List.of(story.msZhao(), story.mrSun())) {
                post(canteen, staff, prefix + "/orders", Map.of("dinerId", diner, "date", tomorrow.toString(),
                        "service", "DELIVERY", "payment", "CASH"));
            }
            post(canteen, staff, prefix + "/days/" + tomorrow + "/delivery-runs",
                    Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id", story.mrLi())));
            measure(stack.service(LinliStack.APP).baseUri(), options);
        }
    }

    private static void measure(URI app, Map<String, Integer> o) throws Exception {
        Path profile = Files.createTempDirectory("linli-bench-phone");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("LINLI_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=zh-CN", "--window-size=390,844");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(System.getenv().getOrDefault("LINLI_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeDriver phone = new ChromeDriver(service, options);
        try {
            phone.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 3, "mobile", true));
            phone.get(app.resolve("/dev/sign-in").toString());
            phone.findElement(By.cssSelector("[data-testid=person-li]")).click();
            new WebDriverWait(phone, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/dev/"));
            phone.executeCdpCommand("Network.enable", Map.of());
            phone.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", o.get("cpu")));
            phone.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                    "latency", o.get("latency-ms"), "downloadThroughput", o.get("down-kbit") * 1000 / 8,
                    "uploadThroughput", o.get("up-kbit") * 1000 / 8));
            String round = app.resolve("/#/round").toString();
            int runs = o.get("runs");
            double[] firstMs = new double[runs];
            double[] firstKb = new double[runs];
            double[] repeatMs = new double[runs];
            double[] repeatKb = new double[runs];
            for (int run = 0; run < runs; run++) {
                phone.get("about:blank");
                phone.executeCdpCommand("Network.clearBrowserCache", Map.of());
                phone.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", app.toString().replaceAll("/$", ""),
                        "storageTypes", "service_workers,cache_storage"));
                double[] first = open(phone, round);
                firstMs[run] = first[0];
                firstKb[run] = first[1];
                Thread.sleep(1500); // the service worker installs and caches the shell
                phone.get("about:blank");
                double[] repeat = open(phone, round);
                repeatMs[run] = repeat[0];
                repeatKb[run] = repeat[1];
            }
            System.out.printf("%nneighbourhood-app, Mr Li's round (2 stops), %d runs; phone profile: CPU %d× slower, %d ms RTT,"
                    + " %d kbit/s down, %d kbit/s up%n", runs, o.get("cpu"), o.get("latency-ms"), o.get("down-kbit"), o.get("up-kbit"));
            System.out.printf("  %-12s %16s %16s %18s%n", "", "to stops: median", "worst", "over the network");
            System.out.printf("  %-12s %13.0f ms %13.0f ms %15.1f kB%n", "first load", median(firstMs), max(firstMs), median(firstKb));
            System.out.printf("  %-12s %13.0f ms %13.0f ms %15.1f kB%n", "repeat load", median(repeatMs), max(repeatMs), median(repeatKb));
        } finally {
            phone.quit();
        }
    }

    /** Opens the page; answers the time from navigation start to the stops on screen, and the kilobytes transferred. */
    private static double[] open(ChromeDriver phone, String url) {
        phone.get(url);
        new WebDriverWait(phone, Duration.ofSeconds(60), Duration.ofMillis(20))
                .until(d -> d.findElements(By.cssSelector("[data-testid=stop]")).size() >= 2);
        Object figures = phone.executeScript("""
                const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
                const bytes = entries.reduce((sum, e) => sum + (e.transferSize || 0), 0);
                return [performance.now(), bytes / 1000];
                """);
        List<?> values = (List<?>) figures;
        return new double[] { ((Number) values.get(0)).doubleValue(), ((Number) values.get(1)).doubleValue() };
    }

    private static void awaitDiner(URI base, String token, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && JSON.readTree(r.body()).path("mayHaveDelivery").asBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(path + " never became a delivery diner");
    }

    private static JsonNode post(URI base, String token, String path, Object body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
