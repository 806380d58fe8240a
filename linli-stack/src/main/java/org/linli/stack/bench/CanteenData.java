package org.linli.stack.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.linli.infra.PostgresEndpoint;

/**
 * canteen-service's rows for the HTTP benchmark, written by SQL into its database: prepaid accounts for the diners
 * that arrived through resident events, a community's diners copied into more communities of the district, and a
 * history of lunches. A benchmark fixture, not a code path: the service itself writes these only through its API.
 */
final class CanteenData {

    private final PostgresEndpoint pg;
    private final String url;

    CanteenData(PostgresEndpoint pg, String url) {
        this.pg = pg;
        this.url = url;
    }

    /** Waits until the community's diners (its residents aged 60+) have arrived and stopped arriving; their count. */
    int awaitDiners(String community) throws Exception {
        int last = -1;
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            int now = (int) count("select count(*) from diner where community_id = '" + community + "'");
            if (now > 0 && now == last) {
                return now;
            }
            last = now;
            Thread.sleep(3000);
        }
        throw new IllegalStateException("diners of " + community + " still arriving after 5 minutes");
    }

    /** A prepaid account with 1,000 yuan (and its top-up entry) for every diner who has none. */
    void openAccounts() throws SQLException {
        execute("insert into meal_account (diner_id, community_id, balance_fen, updated_at) "
                + "select resident_id, community_id, 100000, now() from diner d "
                + "where not exists (select 1 from meal_account a where a.diner_id = d.resident_id)");
        execute("insert into account_entry (diner_id, kind, amount_fen, balance_after_fen, recorded_by, recorded_at) "
                + "select diner_id, 'TOP_UP', 100000, 100000, 'bench', now() from meal_account a "
                + "where not exists (select 1 from account_entry e where e.diner_id = a.diner_id)");
    }

    /** The community's diners copied {@code copies} times into communities {@code <community>-copy-<n>}, with accounts. */
    void copyCommunity(String community, int copies) throws SQLException {
        long t = System.nanoTime();
        execute("insert into diner (resident_id, community_id, age_band, housebound, low_income, dietary_needs, status, "
                + "updated_at, building_id, unit_id) select gen_random_uuid(), community_id || '-copy-' || n, age_band, "
                + "housebound, low_income, dietary_needs, status, now(), building_id, unit_id from diner, "
                + "generate_series(1, " + copies + ") n where community_id = '" + community + "'");
        openAccounts();
        execute("analyze");
        System.out.printf("canteen-service: diners copied into %d more communities by SQL in %d s%n", copies,
                (System.nanoTime() - t) / 1_000_000_000);
    }

    /**
     * {@code perDay} lunches a day in every community over the past {@code days} days: served dine-in lunches, paid in
     * cash, by the community's first diners (the regulars).
     */
    void history(int days, int perDay) throws SQLException {
        long t = System.nanoTime();
        execute("insert into meal_order (id, community_id, diner_id, meal_date, meal, service, status, payment, "
                + "dietary_needs, building_id, unit_id, total_fen, elder_pays_fen, subsidy_fen, sponsor_fen, placed_by, "
                + "placed_at, closed_at) select gen_random_uuid(), d.community_id, d.resident_id, day, 'LUNCH', 'DINE_IN', "
                + "'SERVED', 'CASH', d.dietary_needs, d.building_id, d.unit_id, 700, 700, 0, 0, 'bench', "
                + "day - interval '1 day', day + interval '12 hours' "
                + "from (select *, row_number() over (partition by community_id order by resident_id) r from diner) d, "
                + "generate_series(current_date - " + days + ", current_date - 1, interval '1 day') day "
                + "where d.r <= " + perDay);
        execute("analyze");
        System.out.printf("canteen-service: %d days of lunch history written by SQL in %d s%n", days,
                (System.nanoTime() - t) / 1_000_000_000);
    }

    /** Every diner with an account: community, resident id; in an order that spreads communities across the list. */
    List<String[]> diners() throws SQLException {
        List<String[]> diners = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select d.community_id, d.resident_id from diner d "
                        + "join meal_account a on a.diner_id = d.resident_id where d.status = 'ACTIVE' "
                        + "order by md5(d.resident_id::text)")) {
            while (rows.next()) {
                diners.add(new String[] { rows.getString(1), rows.getString(2) });
            }
        }
        return diners;
    }

    long orders() throws SQLException {
        return count("select count(*) from meal_order");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, pg.username(), pg.password());
    }
}
