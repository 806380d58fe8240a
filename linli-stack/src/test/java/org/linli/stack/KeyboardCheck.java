package org.linli.stack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Every action on a screen can be reached with the keyboard alone: pressing Tab from the top of the page visits each
 * visible link, button and field (one radio button per group, as browsers do). What Tab never reaches is noted under
 * the screen's name, with the elements' words, beside axe-core's findings.
 */
final class KeyboardCheck {

    private KeyboardCheck() {
    }

    private static final String MARK = """
            const seen = new Set();
            const all = [...document.querySelectorAll(
              'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
              .filter(e => !e.disabled && e.getAttribute('tabindex') !== '-1' && e.getClientRects().length > 0
                && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[inert], [aria-hidden=true]'))
              .filter(e => {
                if (e.type !== 'radio') return true;
                const key = e.name || e;
                if (seen.has(key)) return false;
                seen.add(key);
                return true;
              });
            all.forEach((e, i) => e.setAttribute('data-kb', String(i)));
            return all.length;
            """;

    private static final String DESCRIBE = """
            const e = document.querySelector('[data-kb="' + arguments[0] + '"]');
            if (!e) return '';
            const words = (e.getAttribute('aria-label') || e.innerText || e.value || e.name || e.id || '').trim();
            return e.tagName.toLowerCase() + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + ' "' + words.slice(0, 40) + '"';
            """;

    /** Walks the screen shown now with Tab and notes the actions it cannot reach. */
    static void note(PhoneBrowser browser, String screen, Map<String, List<String>> found) {
        long count = (Long) browser.script(MARK);
        browser.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        Set<String> reached = new HashSet<>();
        Actions keys = new Actions(browser.driver);
        for (long i = 0; i < count + 15 && reached.size() < count; i++) {
            keys.sendKeys(Keys.TAB).perform();
            Object mark = browser.script("return document.activeElement && document.activeElement.getAttribute('data-kb');");
            if (mark != null) {
                reached.add(mark.toString());
            }
        }
        List<String> unreached = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            if (!reached.contains(Long.toString(i))) {
                unreached.add((String) browser.script(DESCRIBE, Long.toString(i)));
            }
        }
        browser.script("document.querySelectorAll('[data-kb]').forEach(e => e.removeAttribute('data-kb'));");
        if (!unreached.isEmpty()) {
            found.put("keyboard: " + screen, List.of("not reached with Tab: " + unreached));
        }
    }
}
