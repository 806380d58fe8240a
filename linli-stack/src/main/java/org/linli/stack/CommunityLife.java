package org.linli.stack;

import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.linli.infra.DevTokens;

/**
 * Changshan Garden's moral bank and canteen as a community worker and the canteen staff would set them up, through
 * points-service's and canteen-service's public APIs: the exchange counter's gifts (some sponsored by the rural
 * commercial bank), a senior-university class, Mr Li's confirmed visit to Ms Zhao; the canteen's dishes, this week's
 * and next week's menus, and Ms Zhao's standing order for lunch at her door.
 */
public final class CommunityLife {

    static final String BANK = "rural-commercial-bank";

    private final ServiceApi points;
    private final ServiceApi canteen;
    private final String community;

    public CommunityLife(URI pointsService, URI canteenService, String community) {
        this.points = new ServiceApi(pointsService);
        this.canteen = new ServiceApi(canteenService);
        this.community = community;
    }

    /** Sets up both; returns what was done, one line each (a step that could not be done says why). */
    public List<String> seed(CommunityGenerator.Story story) {
        List<String> done = new ArrayList<>();
        done.add(attempt("moral bank", () -> moralBank(story)));
        done.add(attempt("canteen", () -> canteen(story)));
        return done;
    }

    private String moralBank(CommunityGenerator.Story story) {
        String worker = CommunityGenerator.worker(community);
        String prefix = "/communities/" + community;
        for (Object[] gift : new Object[][] { { "Rice, 5 kg", 100, 20, BANK }, { "Cooking oil, 5 L", 80, 20, BANK },
                { "Towels, a pair", 30, 40, null }, { "Eggs, a dozen", 20, 60, null },
                { "Haircut at the community barber", 15, 30, null } }) {
            Map<String, Object> reward = new java.util.HashMap<>(Map.of("name", gift[0], "pointsPrice", gift[1],
                    "stock", gift[2], "perVolunteerLimit", 2));
            if (gift[3] != null) {
                reward.put("sponsorId", gift[3]);
            }
            points.create(worker, prefix + "/rewards", reward);
        }
        String course = points.create(worker, prefix + "/classes", Map.of("title", "Paper-cutting",
                "provider", "Senior university, Changshan Garden branch"));
        LocalDate monday = LocalDate.now(COMMUNITY_TIME).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        for (int week = 0; week < 4; week++) {
            points.create(worker, prefix + "/classes/" + course + "/sessions", Map.of("startsAt",
                    monday.plusWeeks(week).atTime(9, 30).atZone(COMMUNITY_TIME).toOffsetDateTime().toString(),
                    "durationMinutes", 90, "seats", 16));
        }
        // Mr Li's morning visit, confirmed by Ms Zhao herself (once resident-service's events have arrived)
        if (!points.awaitOk(worker, prefix + "/volunteers/" + story.mrLi() + "/wallet", Duration.ofSeconds(30))) {
            return "gifts and a class set up; Mr Li's enrolment has not reached points-service yet";
        }
        String mrLi = DevTokens.as("volunteer").community(community).subject(story.mrLi()).mint();
        String msZhao = DevTokens.as("resident").community(community).subject(story.msZhao()).mint();
        String visit = points.create(mrLi, prefix + "/services", Map.of("type", "ELDER_CARE_VISIT",
                "beneficiaryId", story.msZhao(), "minutes", 40, "note", "morning visit; she took her pills",
                "performedAt", OffsetDateTime.now(COMMUNITY_TIME).minusHours(2).toString()));
        points.create(msZhao, prefix + "/services/" + visit + "/confirm", Map.of());
        return "5 gifts (2 sponsored by " + BANK + "), a paper-cutting class with 4 sessions, Mr Li's visit confirmed by Ms Zhao";
    }

    private String canteen(CommunityGenerator.Story story) {
        String staff = DevTokens.as("canteen-staff").community(community).subject("canteen-staff-liu").mint();
        String prefix = "/communities/" + community;
        String[][] dishes = {
                { "锅包肉 sweet and sour pork", "MEAT" }, { "小鸡炖蘑菇 chicken stewed with mushrooms", "MEAT" },
                { "土豆炖牛肉 beef with potatoes", "MEAT" }, { "清蒸鲈鱼 steamed perch", "MEAT" },
                { "肉末茄子 aubergine with minced pork", "MEAT" }, { "红烧排骨 braised spare ribs", "MEAT" },
                { "猪肉炖粉条 pork with glass noodles", "MEAT" },
                { "清炒白菜 stir-fried cabbage", "VEGETABLE" }, { "地三鲜 potato, aubergine and pepper", "VEGETABLE" },
                { "蒜蓉西兰花 broccoli with garlic", "VEGETABLE" }, { "醋溜土豆丝 vinegar potato shreds", "VEGETABLE" },
                { "蒜蓉菠菜 spinach with garlic", "VEGETABLE" }, { "炒油麦菜 stir-fried lettuce", "VEGETABLE" },
                { "西红柿炒蛋 tomato and egg", "VEGETABLE" },
                { "米饭 rice", "STAPLE" }, { "馒头 steamed bun", "STAPLE" }, { "小米粥 millet porridge", "STAPLE" },
                { "玉米饼 cornbread", "STAPLE" }, { "花卷 twisted roll", "STAPLE" }, { "紫菜蛋花汤 seaweed and egg soup", "SOUP" },
                { "白菜豆腐汤 cabbage and tofu soup", "SOUP" } };
        List<String> ids = new ArrayList<>();
        for (String[] dish : dishes) {
            ids.add(canteen.create(staff, prefix + "/dishes", Map.of("name", dish[0], "category", dish[1],
                    "suitability", dish[1].equals("MEAT") ? List.of() : List.of("LOW_SALT", "SOFT_TEXTURE"))));
        }
        LocalDate thisMonday = LocalDate.now(COMMUNITY_TIME).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int published = 0;
        for (int week = 0; week < 2; week++) {
            LocalDate monday = thisMonday.plusWeeks(week);
            List<Map<String, Object>> days = new ArrayList<>();
            for (int day = 0; day < 7; day++) { // a different meat, vegetable and staple or soup each day of the week
                int shift = (day + 3 * week) % 7;
                days.add(Map.of("date", monday.plusDays(day).toString(),
                        "lunch", List.of(ids.get(shift), ids.get(7 + shift), ids.get(14 + shift))));
            }
            var drafted = canteen.put(staff, prefix + "/menus/" + monday, Map.of("days", days));
            var publishedMenu = canteen.post(staff, prefix + "/menus/" + monday + "/publish", Map.of());
            if (drafted.statusCode() == 200 && publishedMenu.statusCode() == 200) {
                published++;
            }
        }
        if (!canteen.awaitOk(staff, prefix + "/diners/" + story.msZhao(), Duration.ofSeconds(30))) {
            return ids.size() + " dishes, " + published + " weekly menus; Ms Zhao has not reached canteen-service yet";
        }
        canteen.create(staff, prefix + "/standing-orders", Map.of("dinerId", story.msZhao(), "service", "DELIVERY",
                "startsOn", LocalDate.now(COMMUNITY_TIME).plusDays(1).toString()));
        return ids.size() + " dishes, " + published + " weekly menus published, Ms Zhao's lunch delivered every day from tomorrow";
    }

    private static String attempt(String what, java.util.function.Supplier<String> step) {
        try {
            return what + ": " + step.get();
        } catch (RuntimeException e) {
            return what + ": not set up (" + e.getMessage() + ")";
        }
    }
}
