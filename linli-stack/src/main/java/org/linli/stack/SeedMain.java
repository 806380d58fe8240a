package org.linli.stack;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./linli seed}: loads Changshan Garden-shaped communities into a running resident-service through its API.
 *
 * <pre>
 * ./linli seed [--url http://localhost:8081] [--communities 1] [--households 3100] [--threads 4]
 * </pre>
 *
 * Community 0 is Changshan Garden itself with the people of the story; communities 1..n-1 are changshan-garden-1 ...
 * in the same district. Communities that already exist are skipped.
 */
public final class SeedMain {

    private SeedMain() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("url", "http://localhost:8081", "communities", "1",
                "households", "3100", "threads", "4"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name)) {
                System.err.println("unknown option " + args[i] + "; options: " + options.keySet());
                System.exit(2);
            }
            options.put(name, args[i + 1]);
        }
        URI url = URI.create(options.get("url"));
        int communities = Integer.parseInt(options.get("communities"));
        int households = Integer.parseInt(options.get("households"));
        int threads = Integer.parseInt(options.get("threads"));
        String subdistrict = CommunityGenerator.subdistrict(url);
        Map<LocalDate, AtomicInteger> ids = CommunityGenerator.newIdSequence();
        long started = System.nanoTime();
        int total = 0;
        for (int c = 0; c < communities; c++) {
            CommunityGenerator generator = new CommunityGenerator(url, c, ids);
            if (generator.exists()) {
                System.out.println("community " + c + " exists already; skipped");
                continue;
            }
            total += load(generator, subdistrict, households, threads, c == 0);
        }
        System.out.printf("Seeded %d residents in %d communities in %d s%n", total, communities,
                (System.nanoTime() - started) / 1_000_000_000);
    }

    /** The tree, the story (community 0), then the population; returns the residents registered. */
    static int load(CommunityGenerator generator, String subdistrict, int households, int threads, boolean story) {
        long started = System.nanoTime();
        CommunityGenerator.Layout layout = generator.tree(subdistrict);
        if (story) {
            generator.story(layout);
        }
        int residents = generator.population(layout, households, threads,
                done -> System.out.printf("  %s: %d of %d households%n", layout.code(), done, households));
        System.out.printf("%s: %d households, %d residents in %d s%n", layout.code(), households, residents,
                (System.nanoTime() - started) / 1_000_000_000);
        return residents;
    }
}
