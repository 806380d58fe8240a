package org.linli.dashboard.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.linli.dashboard.domain.Metric;
import org.linli.platform.problem.InvalidRequestProblem;

/**
 * The monthly district report: one row per community, one per sub-district and the district's total, with the same
 * figures the page shows for that month (they come from the same {@link Figures.DistrictOverview}). CSV is UTF-8 with a
 * byte-order mark so that Excel opens the Chinese headings; XLSX is written by Apache POI.
 */
@ApplicationScoped
public class MonthlyReport {

    public record Report(YearMonth month, Figures.DistrictOverview district) {
    }

    /** A column: its heading in Chinese and English, and how a row's value is read. */
    record Column(String zh, String en, Function<Line, Object> value) {
    }

    /** A row of the report: a community, a sub-district or the district. */
    record Line(String level, String id, String name, java.util.Map<String, Long> figures, long volunteersActive) {
        long figure(Metric metric) {
            return figures.getOrDefault(metric.key, 0L);
        }
    }

    static final List<Column> COLUMNS = List.of(
            new Column("层级", "Level", Line::level),
            new Column("编号", "Id", Line::id),
            new Column("名称", "Name", Line::name),
            new Column("居民", "Residents", l -> l.figure(Metric.RESIDENTS)),
            new Column("60岁以上", "Aged 60+", l -> l.figure(Metric.RESIDENTS_60_PLUS)),
            new Column("80岁以上", "Aged 80+", l -> l.figure(Metric.RESIDENTS_80_PLUS)),
            new Column("独居", "Living alone", l -> l.figure(Metric.RESIDENTS_LIVING_ALONE)),
            new Column("失能/不便下楼", "Housebound", l -> l.figure(Metric.RESIDENTS_HOUSEBOUND)),
            new Column("注册志愿者", "Volunteers enrolled", l -> l.figure(Metric.VOLUNTEERS_ENROLLED)),
            new Column("活跃志愿者", "Volunteers active", Line::volunteersActive),
            new Column("登记服务", "Services logged", l -> l.figure(Metric.SERVICES_LOGGED)),
            new Column("确认服务", "Services confirmed", l -> l.figure(Metric.SERVICES_CONFIRMED)),
            new Column("驳回服务", "Services rejected", l -> l.figure(Metric.SERVICES_REJECTED)),
            new Column("服务时长(分钟)", "Service minutes", l -> l.figure(Metric.SERVICE_MINUTES)),
            new Column("发放积分", "Points issued", l -> l.figure(Metric.POINTS_ISSUED)),
            new Column("兑换积分", "Points redeemed", l -> l.figure(Metric.POINTS_REDEEMED)),
            new Column("课程预约", "Class seats booked", l -> l.figure(Metric.CLASS_SEATS_BOOKED)),
            new Column("订餐", "Lunches ordered", l -> l.figure(Metric.MEALS_ORDERED)),
            new Column("堂食", "Lunches served", l -> l.figure(Metric.MEALS_SERVED)),
            new Column("送餐", "Lunches delivered", l -> l.figure(Metric.MEALS_DELIVERED)),
            new Column("敲门未应", "Doors not answered", l -> l.figure(Metric.MEALS_MISSED)),
            new Column("老人自付(分)", "Paid by elders (fen)", l -> l.figure(Metric.FEN_ELDER)),
            new Column("补贴(分)", "Subsidy (fen)", l -> l.figure(Metric.FEN_SUBSIDY)),
            new Column("赞助(分)", "Sponsors (fen)", l -> l.figure(Metric.FEN_SPONSOR)),
            new Column("餐费合计(分)", "Meals total (fen)", l -> l.figure(Metric.FEN_TOTAL)),
            new Column("关爱提醒", "Care alerts raised", l -> l.figure(Metric.ALERTS_RAISED)),
            new Column("已响应", "Acknowledged", l -> l.figure(Metric.ALERTS_ACKNOWLEDGED)),
            new Column("已升级", "Escalated", l -> l.figure(Metric.ALERTS_ESCALATED)),
            new Column("已解决", "Resolved", l -> l.figure(Metric.ALERTS_RESOLVED)),
            new Column("民情登记", "Needs recorded", l -> l.figure(Metric.NEEDS_RECORDED)),
            new Column("民情办结", "Needs closed", l -> l.figure(Metric.NEEDS_CLOSED)));

    /** A month as the URL names it (yyyy-MM). */
    public static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestProblem("month", "is not a month like 2026-11");
        }
    }

    List<Line> lines(Report report) {
        List<Line> lines = new ArrayList<>();
        for (Figures.CommunityRow row : report.district().communities()) {
            lines.add(new Line("社区 community", row.communityId(), row.name() == null ? "" : row.name(), row.figures(),
                    row.volunteersActive()));
        }
        for (Figures.SubDistrictRow row : report.district().subDistricts()) {
            if (row.subDistrictId() != null) {
                lines.add(new Line("街道 sub-district", row.subDistrictId(), row.name() == null ? "" : row.name(),
                        row.figures(), 0));
            }
        }
        String district = report.district().name() == null ? "" : report.district().name();
        lines.add(new Line("区 district", report.district().districtId(), district, report.district().totals(),
                report.district().volunteersActive()));
        return lines;
    }

    public byte[] csv(Report report) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(String.join(",", COLUMNS.stream().map(c -> quote(c.zh() + " " + c.en())).toList())).append("\r\n");
        for (Line line : lines(report)) {
            csv.append(String.join(",", COLUMNS.stream().map(c -> quote(String.valueOf(c.value().apply(line)))).toList()))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] xlsx(Report report) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(report.month().toString());
            CellStyle heading = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            heading.setFont(bold);
            Row zh = sheet.createRow(0);
            Row en = sheet.createRow(1);
            for (int i = 0; i < COLUMNS.size(); i++) {
                Cell z = zh.createCell(i);
                z.setCellValue(COLUMNS.get(i).zh());
                z.setCellStyle(heading);
                Cell e = en.createCell(i);
                e.setCellValue(COLUMNS.get(i).en());
                e.setCellStyle(heading);
            }
            int r = 2;
            for (Line line : lines(report)) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < COLUMNS.size(); i++) {
                    Object value = COLUMNS.get(i).value().apply(line);
                    if (value instanceof Number number) {
                        row.createCell(i).setCellValue(number.doubleValue());
                    } else {
                        row.createCell(i).setCellValue(value == null ? "" : value.toString());
                    }
                }
            }
            sheet.createFreezePane(3, 2);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 quoting; a cell that a spreadsheet would run as a formula is defused. */
    private static String quote(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+") ? "'" + value
                : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains(" ")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
