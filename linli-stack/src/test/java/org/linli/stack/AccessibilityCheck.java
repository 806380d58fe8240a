package org.linli.stack;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * axe-core's accessibility rules (WCAG 2.1 A and AA), run inside the page: what a screen reader user, a keyboard user or
 * someone with low vision would trip over. Answers the serious and critical violations, each with where it is.
 */
final class AccessibilityCheck {

    private AccessibilityCheck() {
    }

    /** Runs the rules on the screen shown now and notes what they found under the screen's name. */
    static void note(PhoneBrowser browser, String screen, java.util.Map<String, List<String>> found) {
        List<String> violations = seriousViolations(browser);
        if (!violations.isEmpty()) {
            found.put(screen, violations);
        }
    }

    static List<String> seriousViolations(PhoneBrowser phone) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(phone.driver);
        if (results.isErrored() || results.getPasses().isEmpty()) {
            throw new IllegalStateException("axe-core did not run on " + phone.driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(AccessibilityCheck::describe).toList();
    }

    private static String describe(Rule rule) {
        String where = rule.getNodes().stream().limit(3).map(node -> String.valueOf(node.getTarget())).toList().toString();
        return rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") at " + where;
    }
}
