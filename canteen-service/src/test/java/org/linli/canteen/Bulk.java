package org.linli.canteen;

import java.time.LocalDate;

import jakarta.persistence.EntityManager;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Many orders at once for measurements, written with one SQL statement (a test fixture, not a code path). */
final class Bulk {

    private Bulk() {
    }

    /**
     * {@code count} lunch orders on {@code day} in {@code community}, each for its own diner row (created here) so the
     * one-lunch rule holds; a third are deliveries, with a spread of dietary codes.
     */
    static void orders(String community, LocalDate day, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            em.createNativeQuery("insert into diner (resident_id, community_id, age_band, housebound, low_income, "
                    + "dietary_needs, status, updated_at) select gen_random_uuid(), ?1, 'AGED_75_84', n % 3 = 0, false, "
                    + "(array['', 'LOW_SALT', 'SOFT_TEXTURE', 'LOW_SALT,SOFT_TEXTURE', 'LOW_SUGAR'])[n % 5 + 1], 'ACTIVE', now() "
                    + "from generate_series(1, ?2) n")
                    .setParameter(1, community + "-bulk").setParameter(2, count).executeUpdate();
            em.createNativeQuery("insert into meal_order (id, community_id, diner_id, meal_date, meal, service, status, "
                    + "payment, dietary_needs, total_fen, elder_pays_fen, subsidy_fen, sponsor_fen, placed_by, placed_at) "
                    + "select gen_random_uuid(), ?1, d.resident_id, ?2, 'LUNCH', "
                    + "case when d.housebound then 'DELIVERY' else 'DINE_IN' end, 'PLACED', 'CASH', d.dietary_needs, "
                    + "700, 700, 0, 0, 'bulk', now() from diner d where d.community_id = ?3")
                    .setParameter(1, community).setParameter(2, day).setParameter(3, community + "-bulk").executeUpdate();
        });
    }
}
