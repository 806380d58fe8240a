package org.linli.stack;

import java.util.List;

/**
 * Measures a screen against the age-friendly figures of the national specification (MIIT 2021, 移动互联网应用(APP)
 * 适老化通用设计规范) that Linli's elder mode (长辈版) promises: main text at least 18 pt (24 CSS px), tap targets at least
 * 60 × 60, line spacing at least 1.3, text contrast at least 4.5:1. Runs in the page; answers what falls short.
 */
final class AgeFriendlyCheck {

    static final double MIN_FONT_PX = 24; // 18 pt
    static final double MIN_TARGET_PX = 60;
    static final double MIN_LINE_SPACING = 1.3;
    static final double MIN_CONTRAST = 4.5;

    private static final String SCRIPT = """
            const [minFont, minTarget, minSpacing, minContrast] = arguments;
            const out = [];
            const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
              return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0'; };
            const rgba = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0,0,0,0];
              const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(parseFloat); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
            const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            const lum = c => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
            const background = el => { const layers = [];
              for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
                if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
              let bg = [255, 255, 255];
              for (const c of layers.reverse()) { bg = [0,1,2].map(i => c[i] * c[3] + bg[i] * (1 - c[3])); }
              return bg; };
            const name = el => (el.getAttribute('data-testid') || el.tagName.toLowerCase()) + ' "'
              + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 24) + '"';
            for (const el of document.querySelectorAll('body *')) {
              if (!visible(el) || el.closest('[aria-hidden=true]')) continue;
              const s = getComputedStyle(el);
              const ownText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              if (ownText) {
                const size = parseFloat(s.fontSize);
                if (size < minFont - 0.05) out.push('text ' + size + 'px < ' + minFont + 'px: ' + name(el));
                const lh = s.lineHeight === 'normal' ? 1.2 * size : parseFloat(s.lineHeight);
                if (lh / size < minSpacing - 0.01) out.push('line spacing ' + (lh / size).toFixed(2) + ' < ' + minSpacing + ': ' + name(el));
                const fg = rgba(s.color); const bg = background(el);
                const blended = [0,1,2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
                const l1 = lum(blended), l2 = lum(bg);
                const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                if (!el.closest(':disabled') && ratio < minContrast) out.push('contrast ' + ratio.toFixed(2) + ' < ' + minContrast + ': ' + name(el));
              }
              if (el.matches('a[href], button, select, textarea, input:not([type=hidden]), [role=button], [role=switch], [role=tab]')) {
                let r = el.getBoundingClientRect();
                if (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) r = el.closest('label').getBoundingClientRect();
                if (r.width < minTarget - 0.5 || r.height < minTarget - 0.5)
                  out.push('target ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' < ' + minTarget + ': ' + name(el));
              }
            }
            return out;
            """;

    private AgeFriendlyCheck() {
    }

    /** What on the current screen falls short of the figures; empty when it meets them all. */
    @SuppressWarnings("unchecked")
    static List<String> shortfalls(PhoneBrowser phone) {
        return (List<String>) phone.script(SCRIPT, MIN_FONT_PX, MIN_TARGET_PX, MIN_LINE_SPACING, MIN_CONTRAST);
    }
}
