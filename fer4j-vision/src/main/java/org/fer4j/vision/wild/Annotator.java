package org.fer4j.vision.wild;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.fer4j.data.FaceBox;

/** Draws face boxes and their labels on a copy of a photo or frame (the original is left alone). */
public final class Annotator {
    private Annotator() {
    }

    /** One box to draw and the text above it. */
    public record Mark(FaceBox box, String text) {
        public Mark {
            if (box == null || text == null) {
                throw new IllegalArgumentException("a mark needs a box and a text");
            }
        }
    }

    /** An RGB copy of {@code image} with every mark drawn; line width and font follow the image size. */
    public static BufferedImage draw(BufferedImage image, List<Mark> marks) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int side = Math.min(image.getWidth(), image.getHeight());
            float stroke = Math.max(1, side / 200f);
            g.setStroke(new BasicStroke(stroke));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, side / 30)));
            int ascent = g.getFontMetrics().getAscent();
            for (Mark m : marks) {
                FaceBox b = m.box();
                int x = (int) Math.round(b.x());
                int y = (int) Math.round(b.y());
                g.setColor(Color.GREEN);
                g.drawRect(x, y, (int) Math.round(b.width()), (int) Math.round(b.height()));
                int tw = g.getFontMetrics().stringWidth(m.text());
                int ty = y - ascent - 2 >= 0 ? y - 2 : y + ascent + 2;
                g.setColor(Color.BLACK);
                g.fillRect(x, ty - ascent, tw + 2, ascent + 2);
                g.setColor(Color.GREEN);
                g.drawString(m.text(), x + 1, ty);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
