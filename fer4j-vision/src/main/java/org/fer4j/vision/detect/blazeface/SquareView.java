package org.fer4j.vision.detect.blazeface;

/**
 * A square region of a photo that is shown to the network: {@code side} image pixels from
 * ({@code x0}, {@code y0}), which may reach past the image (that part is black, as MediaPipe's letterbox
 * pads). The whole photo is one view, centred on its longer side; tiles are smaller views for faces
 * that are small in the photo.
 *
 * <p>With tiles, the views split the face sizes between them, so one face is not found twice at two
 * scales (a tight box from a tile inside a loose one from the whole photo, whose overlap is too small
 * for suppression to merge): the whole photo keeps faces from 0.8 × half a tile upwards, a tile keeps
 * faces up to 1.25 × half its side (the sizes it holds wholly, thanks to the overlap) and drops those
 * that cross one of its edges inside the photo (that face continues in a neighbouring tile). Faces in
 * the shared range of sizes are found by both and merged by the suppression, as are faces found by two
 * overlapping tiles.
 *
 * @param minFace smallest face side kept from this view, image pixels
 * @param maxFace largest face side kept from this view, image pixels
 * @param tile    whether this is a tile
 */
record SquareView(double x0, double y0, double side, double minFace, double maxFace, boolean tile) {
    SquareView {
        if (!(side > 0) || !Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(side)) {
            throw new IllegalArgumentException("invalid view x0=" + x0 + " y0=" + y0 + " side=" + side);
        }
    }

    /** The whole {@code width × height} image, padded to a square around its centre, with {@code n} tiles per side besides. */
    static SquareView whole(int width, int height, int n) {
        double side = Math.max(width, height);
        double min = n < 2 ? 0 : 0.8 * tileSide(width, height, n) / 2;
        return new SquareView((width - side) / 2, (height - side) / 2, side, min, Double.POSITIVE_INFINITY, false);
    }

    private static double tileSide(int width, int height, int n) {
        return Math.ceil(2.0 * Math.max(width, height) / (n + 1));
    }

    /** Whether a candidate (in image pixels) found in this view is kept, by the rules above. */
    boolean keeps(Candidate c, int width, int height) {
        double size = Math.max(c.width(), c.height());
        if (size < minFace || size > maxFace) {
            return false;
        }
        if (!tile) {
            return true;
        }
        double[] b = c.v();
        boolean left = x0 > 0 && b[0] < x0;
        boolean top = y0 > 0 && b[1] < y0;
        boolean right = x0 + side < width && b[2] > x0 + side;
        boolean bottom = y0 + side < height && b[3] > y0 + side;
        return !(left || top || right || bottom);
    }

    /**
     * An {@code n × n}-style grid of square tiles of side {@code 2·L / (n + 1)} ({@code L} the longer
     * side) overlapping by half, so a face up to half a tile wide lies wholly inside at least one tile.
     * Along a side shorter than a tile there is one tile, centred.
     */
    static java.util.List<SquareView> tiles(int width, int height, int n) {
        java.util.List<SquareView> out = new java.util.ArrayList<>();
        if (n < 2) {
            return out;
        }
        double side = tileSide(width, height, n);
        double[] xs = positions(width, side);
        double[] ys = positions(height, side);
        for (double y : ys) {
            for (double x : xs) {
                out.add(new SquareView(x, y, side, 0, 1.25 * side / 2, true));
            }
        }
        return out;
    }

    private static double[] positions(int length, double side) {
        if (length <= side) {
            return new double[] {(length - side) / 2};
        }
        int count = (int) Math.ceil((length - side) / (side / 2)) + 1;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.round((length - side) * i / (count - 1));
        }
        return out;
    }
}
