package org.fer4j.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The small HTML vocabulary of a report: escaping, embedded images, tables and the page template. */
final class Html {
    private static final String TEMPLATE = load();

    private Html() {
    }

    /** One numbered part of a report; {@code state} is present, partial (some inputs absent) or absent. */
    record Section(String id, String kind, String run, String title, String body, String state) {
        String render() {
            return "<section id=\"" + attr(id) + "\" data-section=\"" + attr(kind) + "\""
                    + (run == null ? "" : " data-run=\"" + attr(run) + "\"") + " data-state=\"" + state + "\" class=\""
                    + state + "\">\n<h2>" + esc(title) + "</h2>\n" + body + "</section>\n";
        }
    }

    /** Collects a section's content and the inputs it lacked. */
    static final class SectionBuilder {
        private final String id;
        private final String kind;
        private final String run;
        private final String title;
        private final StringBuilder body = new StringBuilder();
        private boolean content;
        private boolean missing;

        SectionBuilder(String id, String kind, String run, String title) {
            this.id = id;
            this.kind = kind;
            this.run = run;
            this.title = title;
        }

        /** Content that shows something recorded. */
        SectionBuilder add(String html) {
            body.append(html);
            content = true;
            return this;
        }

        /** Explanatory text that is not itself content. */
        SectionBuilder note(String text) {
            body.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
            return this;
        }

        /** Marks a missing input, shown as "Absent: …". */
        SectionBuilder absent(String reason) {
            body.append("<p class=\"absent\">Absent: ").append(esc(reason)).append("</p>\n");
            missing = true;
            return this;
        }

        Section build() {
            String state = !content ? "absent" : missing ? "partial" : "present";
            return new Section(id, kind, run, title, body.toString(), state);
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String attr(String s) {
        return esc(s);
    }

    static String img(byte[] png, String alt, String cssClass) {
        return "<img class=\"" + cssClass + "\" alt=\"" + attr(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">";
    }

    /** A header cell row. */
    static String headerRow(List<String> cells) {
        StringBuilder b = new StringBuilder("<tr>");
        for (int i = 0; i < cells.size(); i++) {
            b.append(i == 0 ? "<th class=\"text\">" : "<th>").append(esc(cells.get(i))).append("</th>");
        }
        return b.append("</tr>\n").toString();
    }

    /** A text cell. */
    static String td(String text) {
        return "<td class=\"text\">" + esc(text) + "</td>";
    }

    /** A number cell: the shown text plus the exact value in {@code data-value}. */
    static String num(String cssClass, double value, String shown) {
        return "<td class=\"" + cssClass + "\" data-value=\"" + (Double.isNaN(value) ? "NaN" : Double.toString(value))
                + "\">" + esc(shown) + "</td>";
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    /** A two-column key/value table. */
    static String keyValues(String cssClass, Map<String, String> rows) {
        StringBuilder b = new StringBuilder("<table class=\"" + cssClass + "\">\n");
        rows.forEach((k, v) -> b.append("<tr><th class=\"text\">").append(esc(k)).append("</th><td class=\"text\">")
                .append(esc(v)).append("</td></tr>\n"));
        return b.append("</table>\n").toString();
    }

    static String page(String title, String subtitle, String source, List<Section> sections) {
        StringBuilder toc = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (Section s : sections) {
            toc.append("<a href=\"#").append(attr(s.id())).append("\"").append("absent".equals(s.state()) ? " class=\"absent\"" : "")
                    .append(">").append(esc(s.title())).append("</a>");
            body.append(s.render());
        }
        return TEMPLATE.replace("{{title}}", esc(title)).replace("{{subtitle}}", esc(subtitle))
                .replace("{{toc}}", toc).replace("{{source}}", esc(source)).replace("{{body}}", body);
    }

    private static String load() {
        try (InputStream in = Html.class.getResourceAsStream("report-template.html")) {
            if (in == null) {
                throw new IllegalStateException("report-template.html is missing from the fer4j jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
