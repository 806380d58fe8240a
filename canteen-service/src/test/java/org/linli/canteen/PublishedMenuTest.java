package org.linli.canteen;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The people who eat read the week's published menu with its dishes: the community's residents and volunteers, its
 * staff and district, and family members for a parent who dines there. A draft stays in the kitchen; anyone else learns
 * nothing (404).
 */
@QuarkusTest
class PublishedMenuTest {

    static final String MONDAY = MenuTest.MONDAY.toString();
    static final String PUBLISHED = "/communities/{c}/menus/{w}/published";

    /** Drafts a good week (Tuesday with a peanut dinner) and publishes it; returns the week's dishes. */
    static MenuTest.Week published(TestCanteen canteen) {
        MenuTest.Week week = MenuTest.Week.of(canteen);
        String dinner = canteen.as(canteen.staff()).body(Map.of("name", "Peanut noodles", "category", "STAPLE",
                "allergens", List.of("peanut"), "suitability", List.of("SOFT_TEXTURE")))
                .when().post("/communities/{c}/dishes", canteen.code()).then().statusCode(201).extract().path("id");
        List<Map<String, Object>> days = week.goodDays();
        days.get(1).put("dinner", List.of(dinner));
        MenuTest.draft(canteen, days);
        canteen.as(canteen.staff()).when().post("/communities/{c}/menus/{w}/publish", canteen.code(), MONDAY)
                .then().statusCode(200);
        return week;
    }

    @Test
    void anElderReadsThePublishedWeekWithItsDishes() {
        TestCanteen canteen = TestCanteen.create();
        MenuTest.Week week = published(canteen);

        canteen.as(canteen.elder(UUID.randomUUID())).when().get(PUBLISHED, canteen.code(), MONDAY)
                .then().statusCode(200)
                .body("weekStart", equalTo(MONDAY)).body("publishedAt", notNullValue())
                .body("days.date", contains(MenuTest.MONDAY.datesUntil(MenuTest.MONDAY.plusDays(7))
                        .map(Object::toString).toArray()))
                .body("days[0].lunch.id", contains(week.meat().get(0), week.vegetable().get(0), week.soup().get(0)))
                .body("days[0].lunch.name", contains("Braised pork 0", "Stir-fried greens 0", "Tomato egg soup 0"))
                .body("days[0].lunch.category", contains("MEAT", "VEGETABLE", "SOUP"))
                .body("days[0].lunch[0].suitability", contains("SOFT_TEXTURE"))
                .body("days[0].lunch[2].allergens", empty())
                .body("days[0].dinner", empty())
                .body("days[1].dinner.name", contains("Peanut noodles"))
                .body("days[1].dinner[0].category", equalTo("STAPLE"))
                .body("days[1].dinner[0].allergens", contains("peanut"))
                .body("days[1].dinner[0].suitability", contains("SOFT_TEXTURE"));
    }

    @Test
    void theCommunitysVolunteersStaffAndDistrictReadItAndNobodyElse() {
        TestCanteen canteen = TestCanteen.create();
        canteen.diner(); // the canteen learns its district from its diners' resident events
        published(canteen);
        for (String reader : List.of(canteen.volunteer(UUID.randomUUID()), canteen.staff(), canteen.worker(),
                canteen.officer())) {
            canteen.as(reader).when().get(PUBLISHED, canteen.code(), MONDAY).then().statusCode(200)
                    .body("days.size()", equalTo(7));
        }

        TestCanteen other = TestCanteen.create();
        for (String outsider : List.of(other.elder(UUID.randomUUID()), other.volunteer(UUID.randomUUID()), other.staff(),
                other.officer(), DevTokens.as("family").subject(UUID.randomUUID().toString()).mint())) {
            canteen.as(outsider).when().get(PUBLISHED, canteen.code(), MONDAY).then().statusCode(404);
        }
        canteen.as(TestCanteen.partner("bank-1")).when().get(PUBLISHED, canteen.code(), MONDAY).then().statusCode(403);
    }

    @Test
    void aDraftMenuIsNotShownToResidents() {
        TestCanteen canteen = TestCanteen.create();
        MenuTest.Week week = MenuTest.Week.of(canteen);
        MenuTest.draft(canteen, week.goodDays());
        String elder = canteen.elder(UUID.randomUUID());

        canteen.as(elder).when().get(PUBLISHED, canteen.code(), MONDAY).then().statusCode(404)
                .body("detail", equalTo("The menu for the week of " + MONDAY + " is not published yet"));
        canteen.as(elder).when().get(PUBLISHED, canteen.code(), MenuTest.MONDAY.plusWeeks(1).toString())
                .then().statusCode(404); // no menu at all
        canteen.as(elder).when().get(PUBLISHED, canteen.code(), MenuTest.MONDAY.plusDays(2).toString())
                .then().statusCode(400); // a week starts on a Monday
        canteen.as(canteen.staff()).when().get("/communities/{c}/menus/{w}", canteen.code(), MONDAY)
                .then().statusCode(200).body("status", equalTo("DRAFT")); // the kitchen still sees its draft

        canteen.as(canteen.staff()).when().post("/communities/{c}/menus/{w}/publish", canteen.code(), MONDAY)
                .then().statusCode(200);
        canteen.as(elder).when().get(PUBLISHED, canteen.code(), MONDAY).then().statusCode(200);
    }

    @Test
    void aFamilyMemberReadsTheMenuOfTheirParentsCommunityOnly() {
        TestCanteen canteen = TestCanteen.create();
        TestCanteen elsewhere = TestCanteen.create();
        published(canteen);
        published(elsewhere);
        UUID mother = canteen.diner();
        UUID daughter = UUID.randomUUID();
        UUID link = FamilyActsForParentTest.mealsLink(canteen, mother, daughter);
        // her cousin holds a link for care alerts only; a MEALS link sent last on the same key shows it was read
        UUID cousin = UUID.randomUUID();
        FamilyActsForParentTest.send(mother, FamilyActsForParentTest.granted(UUID.randomUUID().toString(),
                UUID.randomUUID(), canteen.code(), mother, cousin, List.of("CARE_ALERTS"), null));
        FamilyActsForParentTest.mealsLink(canteen, mother, UUID.randomUUID());
        String asDaughter = FamilyActsForParentTest.family(daughter);

        canteen.as(asDaughter).when().get(PUBLISHED, canteen.code(), MONDAY).then().statusCode(200)
                .body("days[0].lunch.name", contains("Braised pork 0", "Stir-fried greens 0", "Tomato egg soup 0"));
        canteen.as(asDaughter).when().get(PUBLISHED, elsewhere.code(), MONDAY).then().statusCode(404);
        canteen.as(FamilyActsForParentTest.family(cousin)).when().get(PUBLISHED, canteen.code(), MONDAY)
                .then().statusCode(404);

        FamilyActsForParentTest.send(mother, FamilyActsForParentTest.revoked(UUID.randomUUID().toString(), link,
                canteen.code(), mother, daughter));
        FamilyActsForParentTest.awaitAnswer(canteen, mother, daughter, 404);
        canteen.as(asDaughter).when().get(PUBLISHED, canteen.code(), MONDAY).then().statusCode(404);
    }
}
