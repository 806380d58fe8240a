package org.linli.stack;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.linli.infra.DevTokens;

/**
 * Deterministic sample data shaped like Changshan Garden (长山花园社区, Kuancheng district, Changchun): the organisation
 * tree (5 grids, 10 buildings of 8 units), the people of the domain story (Ms Zhao, Mr Li and his wife, a grid head,
 * a young volunteer), and a population of about 3,100 households and 7,000 residents, 28% aged 60+, some living alone,
 * some housebound, 14 volunteer teams and about 300 volunteers. Everything goes through resident-service's public API,
 * so the other services learn it from Kafka like any real data. The same seed gives the same community; community
 * {@code n > 0} of the district is {@code changshan-garden-n}, for district-scale runs.
 */
public final class CommunityGenerator {

    public static final String DISTRICT = "kuancheng";
    public static final String COMMUNITY = "changshan-garden";
    /** The GB/T 2260 code of Kuancheng district, Changchun: the first six digits of its residents' ID numbers. */
    private static final String REGION = "220103";

    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文";
    private static final String GIVEN = "秀兰桂英玉兰淑珍凤英建国华志强庆文海燕丽娟晓明红梅春生德立新芬子涵雨桐浩然一诺欣怡梓轩思远辉";
    private static final String[][] TEAMS = {
            { "萤火虫安全巡逻队", "SAFETY_PATROL" }, { "指南针文明引导队", "CIVILITY" }, { "小号手政策宣讲队", "POLICY_OUTREACH" },
            { "向日葵陪伴队", "COMPANIONSHIP" }, { "小蜜蜂清洁队", "CLEANING" }, { "红色代跑队", "ERRANDS" },
            { "医疗服务队", "MEDICAL" }, { "法律服务队", "LEGAL" }, { "治安联防队", "SAFETY_PATROL" },
            { "扫雪除冰队", "CLEANING" }, { "助老服务队", "ELDER_CARE" }, { "环境保护队", "CLEANING" },
            { "文化活动队", "OTHER" }, { "助餐送餐队", "ELDER_CARE" } };

    private final ServiceApi api;
    private final String code;
    private final long seed;
    private final Map<LocalDate, AtomicInteger> idSequence;
    private final LocalDate today = LocalDate.now(LinliStack.COMMUNITY_TIME); // the community's day

    /** The tree of one community. */
    public record Layout(String code, String communityUnitId, List<String> grids, List<String> buildings, List<String> units,
            List<String> teams) {
    }

    /**
     * The account id of Zhao Li, Ms Zhao's daughter, with the identity provider (she is not a resident here): her family
     * link names it, and neighbourhood-app's development sign-in signs her in with it.
     */
    public static final String ZHAO_LI_ACCOUNT = "5b1d7c2e-2f6a-4e8e-9d3c-0a1b2c3d4e5f";

    /** Where Zhao Li, Ms Zhao's daughter, asked to be told of her mother's care alerts. */
    public static String zhaoLiEmail(String community) {
        return community.equals(COMMUNITY) ? "zhao.li@example.com" : "zhao.li+" + community + "@example.com";
    }

    /** The people of the story, for the run command's greeting and the end-to-end tests. */
    public record Story(String msZhao, String msZhaoHousehold, String mrLi, String gridHead, String chenXiao, String mrSun) {
    }

    /** @param index 0 for Changshan Garden itself, n for the n-th community of the same shape in the district */
    public CommunityGenerator(URI residentService, int index, Map<LocalDate, AtomicInteger> idSequence) {
        this.api = new ServiceApi(residentService);
        this.code = index == 0 ? COMMUNITY : COMMUNITY + "-" + index;
        this.seed = 20201001L + index;
        this.idSequence = idSequence;
    }

    public static Map<LocalDate, AtomicInteger> newIdSequence() {
        return new ConcurrentHashMap<>();
    }

    /** The community's code (changshan-garden, changshan-garden-1, ...). */
    public String code() {
        return code;
    }

    public static String worker(String community) {
        return DevTokens.as("community-worker").community(community).subject("worker-" + community).mint();
    }

    public static String districtOfficer() {
        return DevTokens.as("district-officer").district(DISTRICT).subject("officer-" + DISTRICT).mint();
    }

    /** The subdistrict the communities hang under (Tuanshan, Kuancheng district), created on first use. */
    public static String subdistrict(URI residentService) {
        ServiceApi api = new ServiceApi(residentService);
        String officer = districtOfficer();
        return api.find(officer, "/org-units?kind=SUBDISTRICT&code=tuanshan").orElseGet(() -> {
            String district = api.create(officer, "/org-units", Map.of("kind", "DISTRICT", "code", DISTRICT, "name", "宽城区"));
            return api.create(officer, "/org-units", Map.of("kind", "SUBDISTRICT", "parentId", district, "code", "tuanshan",
                    "name", "团山街道"));
        });
    }

    /** Whether this community already exists (a persistent database seeded before). */
    public boolean exists() {
        return api.find(districtOfficer(), "/org-units?kind=COMMUNITY&code=" + code).isPresent();
    }

    /** The community's tree: 5 grids of 2 buildings of 8 units (stairwells), and its 14 volunteer teams. */
    public Layout tree(String subdistrictId) {
        String officer = districtOfficer();
        String worker = worker(code);
        String community = api.create(officer, "/org-units", Map.of("kind", "COMMUNITY", "parentId", subdistrictId,
                "code", code, "name", code.equals(COMMUNITY) ? "长山花园社区" : "长山花园社区" + code.substring(COMMUNITY.length())));
        List<String> grids = new ArrayList<>();
        List<String> buildings = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (int g = 1; g <= 5; g++) {
            String grid = api.create(worker, "/org-units", Map.of("kind", "GRID", "parentId", community, "name", "第" + g + "网格"));
            grids.add(grid);
            for (int b = 1; b <= 2; b++) {
                int number = (g - 1) * 2 + b;
                String building = api.create(worker, "/org-units",
                        Map.of("kind", "BUILDING", "parentId", grid, "name", number + "号楼"));
                buildings.add(building);
                for (int u = 1; u <= 8; u++) {
                    units.add(api.create(worker, "/org-units", Map.of("kind", "UNIT", "parentId", building, "name", u + "单元")));
                }
            }
        }
        List<String> teams = new ArrayList<>();
        for (String[] team : TEAMS) {
            teams.add(api.create(worker, "/communities/" + code + "/volunteer-teams", Map.of("name", team[0], "category", team[1])));
        }
        return new Layout(code, community, grids, buildings, units, teams);
    }

    /** The people of the domain story, in building 3, unit 2. */
    public Story story(Layout layout) {
        String worker = worker(code);
        String unit = layout.units().get(2 * 8 + 1);
        String door501 = household(worker, unit, "501");
        String door101 = household(worker, unit, "101");
        String door602 = household(worker, unit, "602");
        // Ms Zhao, 76, lives alone after a stroke and cannot go downstairs: lunch is brought to her door
        String msZhao = register(worker, person("赵秀兰", "FEMALE", LocalDate.of(1950, 3, 14), door501, "HEAD",
                Map.of("livesAlone", true, "housebound", true, "chronicIllness", true,
                        "dietaryNeeds", List.of("LOW_SALT", "SOFT_TEXTURE"), "phone", "13504310001")));
        // Mr Li, 73, and his wife visit her, five floors down, every morning and evening
        String mrLi = register(worker, person("李建国", "MALE", LocalDate.of(1953, 6, 2), door101, "HEAD",
                Map.of("partyMember", true, "phone", "13504310002")));
        register(worker, person("王淑芬", "FEMALE", LocalDate.of(1955, 11, 20), door101, "SPOUSE", Map.of()));
        String mrSun = register(worker, person("孙德明", "MALE", LocalDate.of(1941, 1, 9), door602, "HEAD",
                Map.of("livesAlone", false, "housebound", true, "lowIncome", true, "dietaryNeeds", List.of("LOW_SUGAR"))));
        String chenXiao = register(worker, person("陈晓", "FEMALE", LocalDate.of(1991, 8, 30), door602, "GRANDCHILD", Map.of()));
        String head = register(worker, person("吴亚琴", "FEMALE", LocalDate.of(1962, 5, 5), door101, "OTHER",
                Map.of("partyMember", true, "phone", "13504310003")));
        api.create(worker, "/communities/" + code + "/heads",
                Map.of("residentId", head, "kind", "GRID_HEAD", "orgUnitId", layout.grids().get(1)));
        careCircle(worker, msZhao, "赵丽", "daughter", "13604310011");
        consent(worker, msZhao, "CANTEEN");
        consent(worker, mrSun, "CANTEEN");
        // her daughter, across town, orders and reads alerts for her from her own account (her own sign-in)
        consent(worker, msZhao, "FAMILY_ACCESS");
        String zhaoLi = code.equals(COMMUNITY) ? ZHAO_LI_ACCOUNT
                : java.util.UUID.nameUUIDFromBytes((code + "/zhao-li").getBytes()).toString();
        api.create(worker, "/communities/" + code + "/residents/" + msZhao + "/family-links", Map.of("memberId", zhaoLi,
                "relationship", "女儿", "purposes", List.of("MEALS", "CARE_ALERTS")));
        // and asks, from her own account, to be told of her mother's alerts by e-mail (a local run's mailbox)
        var told = api.put(DevTokens.as("family").subject(zhaoLi).mint(), "/family-links/notices",
                Map.of("language", "zh", "channels", List.of("email"), "email", zhaoLiEmail(code)));
        if (told.statusCode() != 204) {
            throw new IllegalStateException("Zhao Li's notice address was refused: " + told.statusCode() + " " + told.body());
        }
        for (String volunteer : List.of(mrLi, chenXiao)) {
            volunteer(worker, volunteer, layout.teams().get(volunteer.equals(mrLi) ? 3 : 13));
        }
        api.create(worker, "/communities/" + code + "/pairings",
                Map.of("volunteerId", mrLi, "residentId", msZhao, "note", "visits every morning and evening"));
        return new Story(msZhao, door501, mrLi, head, chenXiao, mrSun);
    }

    /**
     * The rest of the community: {@code households} households spread over the units, on {@code threads} threads.
     * Returns how many residents were registered.
     */
    public int population(Layout layout, int households, int threads, IntConsumer progress) {
        String worker = worker(code);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger residents = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int h = 0; h < households; h++) {
                int number = h;
                work.add(pool.submit(() -> {
                    residents.addAndGet(household(layout, worker, number));
                    int finished = done.incrementAndGet();
                    if (finished % 100 == 0 || finished == households) {
                        progress.accept(finished);
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("generating " + code + " failed", e);
        } finally {
            pool.shutdownNow();
        }
        return residents.get();
    }

    /** One household: its door, its people (1 to 4), their flags; some become volunteers, lone elders get a contact. */
    private int household(Layout layout, String worker, int number) {
        // java.util.Random gives correlated first draws for neighbouring seeds: spread them first
        Random random = new Random(new java.util.SplittableRandom(seed * 1_000_003L + number).nextLong());
        String unit = layout.units().get(number % layout.units().size());
        int floor = 1 + (number / layout.units().size()) % 13;
        int door = 1 + (number / (layout.units().size() * 13)) % 3 + 3; // 4..6: the story took 01 and 02
        String household = household(worker, unit, floor + String.format("%02d", door));
        boolean elderly = random.nextDouble() < 0.37; // gives ~28% of residents aged 60+, as in Changshan Garden
        int size = elderly ? (random.nextDouble() < 0.3 ? 1 : 2) : 1 + random.nextInt(4);
        int registered = 0;
        for (int m = 0; m < size; m++) {
            boolean elder = elderly && m < 2;
            LocalDate born = elder ? today.minusYears(60 + random.nextInt(36)).minusDays(random.nextInt(365))
                    : today.minusYears(m == 0 ? 25 + random.nextInt(35) : 1 + random.nextInt(58)).minusDays(random.nextInt(365));
            boolean livesAlone = elder && size == 1;
            boolean housebound = elder && random.nextDouble() < (livesAlone ? 0.08 : 0.02);
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("livesAlone", livesAlone);
            more.put("housebound", housebound);
            more.put("lowIncome", random.nextDouble() < 0.05);
            more.put("partyMember", random.nextDouble() < 0.07);
            more.put("phone", "13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000)));
            if (elder && random.nextDouble() < 0.3) {
                more.put("dietaryNeeds", List.of(random.nextBoolean() ? "LOW_SALT" : "LOW_SUGAR"));
            }
            String name = name(random, null);
            String resident = register(worker, person(name, random.nextBoolean() ? "FEMALE" : "MALE", born, household,
                    m == 0 ? "HEAD" : elder ? "SPOUSE" : "CHILD", more));
            registered++;
            if (livesAlone && born.isBefore(today.minusYears(75))) {
                careCircle(worker, resident, name(random, null), random.nextBoolean() ? "daughter" : "son",
                        "13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000)));
            }
            if (!born.isAfter(today.minusYears(16)) && random.nextDouble() < 0.055) {
                volunteer(worker, resident, layout.teams().get(random.nextInt(layout.teams().size())));
            }
        }
        return registered;
    }

    private String household(String worker, String unit, String door) {
        return api.create(worker, "/communities/" + code + "/households", Map.of("unitId", unit, "doorNumber", door));
    }

    private Map<String, Object> person(String name, String gender, LocalDate born, String household, String relationship,
            Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("gender", gender);
        body.put("birthDate", born.toString());
        body.put("householdId", household);
        body.put("relationshipToHead", relationship);
        body.put("movedInOn", "1990-05-01");
        body.put("nationalId", nationalId(born, gender));
        body.putAll(more);
        return body;
    }

    private String register(String worker, Map<String, Object> person) {
        return api.create(worker, "/communities/" + code + "/residents", person);
    }

    private void consent(String worker, String resident, String purpose) {
        api.create(worker, "/communities/" + code + "/residents/" + resident + "/consents", Map.of("purpose", purpose));
    }

    private void careCircle(String worker, String resident, String name, String relationship, String phone) {
        consent(worker, resident, "CARE_ALERTS");
        api.create(worker, "/communities/" + code + "/residents/" + resident + "/emergency-contacts",
                Map.of("name", name, "relationship", relationship, "phone", phone, "priority", 1));
    }

    private void volunteer(String worker, String resident, String team) {
        consent(worker, resident, "VOLUNTEERING");
        api.create(worker, "/communities/" + code + "/volunteers", Map.of("residentId", resident));
        api.create(worker, "/communities/" + code + "/volunteer-teams/" + team + "/members", Map.of("residentId", resident));
        api.create(worker, "/communities/" + code + "/volunteers/" + resident + "/approve", Map.of());
    }

    /** A valid 18-character ID number: region, birth date, a sequence (odd for men), and the check character. */
    private String nationalId(LocalDate born, String gender) {
        int sequence = idSequence.computeIfAbsent(born, d -> new AtomicInteger()).getAndIncrement();
        int order = (sequence % 500) * 2 + ("MALE".equals(gender) ? 1 : 0);
        String first17 = REGION + born.toString().replace("-", "") + String.format("%03d", order);
        return first17 + check(first17);
    }

    private static char check(String first17) {
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        char[] codes = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return codes[sum % 11];
    }

    private static String name(Random random, String surname) {
        String family = surname != null ? surname : String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        StringBuilder name = new StringBuilder(family);
        int length = random.nextDouble() < 0.7 ? 2 : 1;
        for (int i = 0; i < length; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }
}
