package org.fer4j.data.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The .npy reader against files assembled here byte by byte from NumPy's format specification (magic
 * {@code \x93NUMPY}, major and minor version, little-endian header length, an ASCII dict padded with
 * spaces to a multiple of 64 and ended by a newline, then the raw data), not by any fer4j writer.
 */
class NpyArrayTest {

    /** A .npy file: version {@code major}.0, the header dict, then {@code data}. */
    static byte[] npy(int major, String dict, byte[] data) {
        int lenBytes = major == 1 ? 2 : 4;
        int prefix = 6 + 2 + lenBytes;
        StringBuilder h = new StringBuilder(dict);
        while ((prefix + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(major);
        out.write(0);
        if (major == 1) {
            out.write(header.length & 0xff);
            out.write(header.length >>> 8);
        } else {
            for (int i = 0; i < 4; i++) {
                out.write(header.length >>> (8 * i) & 0xff);
            }
        }
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void readsAffectNetStyleScalars() throws IOException {
        // np.save('0_exp.npy', np.array('3')): a 0-d array of one UTF-32 character
        byte[] u1 = npy(1, "{'descr': '<U1', 'fortran_order': False, 'shape': (), }", new byte[] {'3', 0, 0, 0});
        NpyArray a = NpyArray.parse(u1, "0_exp.npy");
        assertThat(a.shape()).isEmpty();
        assertThat(a.isText()).isTrue();
        assertThat(a.scalarText()).isEqualTo("3");
        // two characters, the second NUL-padded away: '<U2' holding '7'
        byte[] u2 = npy(1, "{'descr': '<U2', 'fortran_order': False, 'shape': (), }", new byte[] {'1', 0, 0, 0, '0', 0, 0, 0});
        assertThat(NpyArray.parse(u2, "x").scalarText()).isEqualTo("10");
        byte[] pad = npy(1, "{'descr': '<U3', 'fortran_order': False, 'shape': (), }", new byte[] {'7', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(NpyArray.parse(pad, "x").scalarText()).isEqualTo("7");
        byte[] i8 = npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (), }", le(8).putLong(6).array());
        assertThat(NpyArray.parse(i8, "x").scalarText()).isEqualTo("6");
        byte[] f8 = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", le(8).putDouble(2.0).array());
        assertThat(NpyArray.parse(f8, "x").scalarText()).isEqualTo("2");
        byte[] text = npy(1, "{'descr': '<U3', 'fortran_order': False, 'shape': (), }",
                new byte[] {'5', 0, 0, 0, '.', 0, 0, 0, '0', 0, 0, 0});
        assertThat(NpyArray.parse(text, "x").scalarText()).isEqualTo("5");
    }

    @Test
    void readsNumericArraysInEitherOrderAndByteOrder() throws IOException {
        ByteBuffer c = le(48);
        for (int i = 0; i < 6; i++) {
            c.putDouble(i + 0.5);
        }
        NpyArray a = NpyArray.parse(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", c.array()), "c");
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.doubles()).containsExactly(0.5, 1.5, 2.5, 3.5, 4.5, 5.5);
        // the same 2×3 matrix stored column-major: [[0,1,2],[3,4,5]] → 0,3,1,4,2,5
        ByteBuffer f = le(24);
        for (float v : new float[] {0, 3, 1, 4, 2, 5}) {
            f.putFloat(v);
        }
        NpyArray fa = NpyArray.parse(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", f.array()), "f");
        assertThat(fa.doubles()).containsExactly(0, 1, 2, 3, 4, 5);
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(-2).putInt(70000);
        assertThat(NpyArray.parse(npy(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }", be.array()), "b").longs())
                .containsExactly(-2, 70000);
        assertThat(NpyArray.parse(npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }",
                new byte[] {(byte) 255, 1}), "u").longs()).containsExactly(255, 1);
        ByteBuffer half = le(4).putShort((short) 0x3c00).putShort((short) 0xc100); // 1.0, -2.5
        assertThat(NpyArray.parse(npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", half.array()), "h")
                .doubles()).containsExactly(1.0, -2.5);
        // version 2.0 has a four-byte header length; landmarks as 68 × 2 floats
        ByteBuffer lnd = le(136 * 8);
        for (int i = 0; i < 136; i++) {
            lnd.putDouble(i);
        }
        NpyArray v2 = NpyArray.parse(npy(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (68, 2), }", lnd.array()), "l");
        assertThat(v2.size()).isEqualTo(136);
        assertThat(v2.getDouble(135)).isEqualTo(135.0);
        assertThat(NpyArray.parse(npy(1, "{'descr': '|S3', 'fortran_order': False, 'shape': (2,), }",
                "ab\0xyz".getBytes(StandardCharsets.ISO_8859_1)), "s").strings()).containsExactly("ab", "xyz");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> NpyArray.parse("PK\3\4 not numpy".getBytes(StandardCharsets.ISO_8859_1), "a.npy"))
                .hasMessageContaining("a.npy").hasMessageContaining("magic");
        assertThatThrownBy(() -> NpyArray.parse(npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (), }",
                new byte[8]), "o.npy")).hasMessageContaining("pickled");
        assertThatThrownBy(() -> NpyArray.parse(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }",
                new byte[16]), "t.npy")).hasMessageContaining("data too short");
        assertThatThrownBy(() -> NpyArray.parse(npy(1, "{'fortran_order': False, 'shape': (), }", new byte[8]), "d.npy"))
                .hasMessageContaining("'descr'");
        byte[] two = npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", new byte[16]);
        assertThatThrownBy(() -> {
            try {
                NpyArray.parse(two, "x").scalarText();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single value");
    }

    /** Announced sizes near 2³¹ must not overflow the bounds checks (found by Jazzer: a version-2 header length of 2³¹ − 1). */
    @Test
    void refusesSizesThatWouldOverflow() {
        byte[] huge = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 'c', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0, 0, 0, 0};
        assertThatThrownBy(() -> NpyArray.parse(huge, "h.npy")).isInstanceOf(IOException.class)
                .hasMessageContaining("h.npy").hasMessageContaining("2147483647 bytes announced");
        assertThatThrownBy(() -> NpyArray.parse(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647), }",
                new byte[16]), "s.npy")).isInstanceOf(IOException.class).hasMessageContaining("s.npy");
        assertThatThrownBy(() -> NpyArray.parse(npy(1, "{'descr': '<U536870913', 'fortran_order': False, 'shape': (1,), }",
                new byte[16]), "u.npy")).isInstanceOf(IOException.class).hasMessageContaining("data too short");
        assertThatThrownBy(() -> NpyArray.parse(npy(1, "{'descr': '<U99999999999', 'fortran_order': False, 'shape': (1,), }",
                new byte[16]), "w.npy")).isInstanceOf(IOException.class).hasMessageContaining("not supported");
    }
}
