package org.linli.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The monthly district report downloads as CSV and XLSX, and its totals are the page's. */
@QuarkusTest
class MonthlyReportTest {

    @Test
    void theCsvAndTheWorkbookCarryTheSameTotalsAsTheDistrictPage() throws Exception {
        TestDistrict d = new TestDistrict();
        LocalDate today = TestDistrict.today();
        for (int c = 1; c <= 2; c++) {
            String community = d.community(c);
            UUID elder = d.resident(community, "AGED_75_84", true, false, true, true, null);
            for (int i = 0; i < c; i++) {
                d.lunch(community, elder, today, "DELIVERED", UUID.randomUUID());
            }
        }
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/districts/{d}", d.district).then().body("totals.'meals.delivered'", equalTo(3)));
        YearMonth month = YearMonth.from(today);
        JsonPath page = d.districtFigures(month.atDay(1), month.atEndOfMonth());

        byte[] csv = TestDistrict.as(d.officer()).accept("text/csv")
                .get("/districts/{d}/reports/monthly/{m}.csv", d.district, month.toString()).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(".csv")).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "a byte-order mark, so Excel reads the Chinese headings");
        List<String> lines = text.lines().toList();
        List<String> heading = Arrays.asList(lines.get(0).substring(1).split(","));
        String total = lines.stream().filter(l -> l.startsWith("\"区 district\"")).findFirst().orElseThrow();
        List<String> cells = Arrays.asList(total.split(","));
        assertEquals(String.valueOf(page.getInt("totals.'meals.delivered'")), cells.get(column(heading, "Lunches delivered")));
        assertEquals(String.valueOf(page.getInt("totals.'fen.elder'")), cells.get(column(heading, "Paid by elders (fen)")));
        assertEquals(String.valueOf(page.getInt("totals.residents")), cells.get(column(heading, "Residents")));
        assertEquals(5, lines.size(), "a heading, two communities, their street and the district: " + lines);

        byte[] xlsx = TestDistrict.as(d.officer()).accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .get("/districts/{d}/reports/monthly/{m}.xlsx", d.district, month.toString()).then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row english = sheet.getRow(1);
            int delivered = -1;
            for (int i = 0; i < english.getLastCellNum(); i++) {
                if ("Lunches delivered".equals(english.getCell(i).getStringCellValue())) {
                    delivered = i;
                }
            }
            Row last = sheet.getRow(sheet.getLastRowNum());
            assertEquals("区 district", last.getCell(0).getStringCellValue());
            assertEquals(page.getInt("totals.'meals.delivered'"), (int) last.getCell(delivered).getNumericCellValue());
        }
        TestDistrict.as(d.worker(d.community(1))).accept("text/csv").get("/districts/{d}/reports/monthly/{m}.csv", d.district,
                month.toString()).then().statusCode(403);
        TestDistrict.as(d.officer()).accept("text/csv").get("/districts/{d}/reports/monthly/{m}.csv", d.district, "2026-13").then()
                .statusCode(400);
    }

    private static int column(List<String> heading, String english) {
        for (int i = 0; i < heading.size(); i++) {
            if (heading.get(i).contains(english)) {
                return i;
            }
        }
        throw new AssertionError("no column " + english + " in " + heading);
    }
}
