// Runs the original face-api networks (@vladmandic/face-api on pure-JS TensorFlow.js, CPU backend) and
// writes fer4j-vision's equality fixtures: 112x112 RGB face crops (raw bytes) and the expression
// probabilities and 68 landmarks the original computes on exactly those bytes. Run through scripts/reference.sh.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const jpeg = require('jpeg-js');
const faceapi = require('@vladmandic/face-api');

const out = process.argv[2];
if (!out) { console.error('usage: node faceapi-reference.js OUT_DIR'); process.exit(2); }
const pkg = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
const modelDir = path.join(pkg, 'model');
const SIZE = 112;

function decode(file) {
  const img = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: false });
  return tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
}

// A deterministic non-face input, so the comparison does not rely on faces alone.
function pattern() {
  const b = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) for (let c = 0; c < 3; c++) {
    b[(y * SIZE + x) * 3 + c] = (x * 7 + y * 13 + c * 71 + ((x * y) % 29)) % 256;
  }
  return b;
}

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceExpressionNet.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  fs.mkdirSync(out, { recursive: true });
  const faces = [];
  const marks = [];
  const inputs = [];
  for (const sample of ['sample1.jpg', 'sample2.jpg', 'sample3.jpg']) {
    const img = decode(path.join(pkg, 'demo', sample));
    const dets = await faceapi.detectAllFaces(img, new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 }));
    dets.sort((a, b) => b.score - a.score);
    const [h, w] = img.shape;
    for (const d of dets.slice(0, 1)) {
      const bx = d.box;
      const side = Math.max(bx.width, bx.height);
      const cx = bx.x + bx.width / 2, cy = bx.y + bx.height / 2;
      const box = [(cy - side / 2) / h, (cx - side / 2) / w, (cy + side / 2) / h, (cx + side / 2) / w];
      const crop = tf.tidy(() => tf.image.cropAndResize(tf.expandDims(tf.cast(img, 'float32')), [box], [0], [SIZE, SIZE], 'bilinear')
        .round().clipByValue(0, 255).toInt().squeeze());
      const bytes = Uint8Array.from(crop.dataSync());
      crop.dispose();
      const name = sample.replace('.jpg', '') + '-face.rgb';
      inputs.push({ name, bytes, source: 'demo/' + sample, detection: { score: d.score, x: bx.x, y: bx.y, width: bx.width, height: bx.height } });
    }
    img.dispose();
  }
  inputs.push({ name: 'pattern.rgb', bytes: pattern(), source: 'synthetic pattern (x*7 + y*13 + c*71 + (x*y mod 29)) mod 256' });
  for (const inp of inputs) {
    fs.writeFileSync(path.join(out, inp.name), inp.bytes);
    const t = tf.tensor3d(inp.bytes, [SIZE, SIZE, 3], 'int32');
    const probs = await faceapi.nets.faceExpressionNet.predictExpressions(t);
    const lm = await faceapi.nets.faceLandmark68Net.detectLandmarks(t);
    marks.push({ file: inp.name, source: inp.source, points: lm.positions.map((p) => [p.x, p.y]) });
    t.dispose();
    const order = faceapi.FACE_EXPRESSION_LABELS || ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
    faces.push({ file: inp.name, source: inp.source, detection: inp.detection, labels: order, probabilities: order.map((k) => probs[k]) });
  }
  const ref = {
    generator: 'scripts/reference.sh (scripts/reference/faceapi-reference.js)',
    package: '@vladmandic/face-api@' + require('@vladmandic/face-api/package.json').version,
    tfjs: tf.version.tfjs, backend: tf.getBackend(), input: SIZE + 'x' + SIZE + 'x3 uint8 RGB, row-major HWC', faces,
  };
  fs.writeFileSync(path.join(out, 'expression-reference.json'), JSON.stringify(ref, null, 1) + '\n');
  const lref = { generator: ref.generator, package: ref.package, tfjs: ref.tfjs, backend: ref.backend, input: ref.input,
    points: '68 (x, y) in the 112-pixel crop, FaceLandmark68Net.detectLandmarks', faces: marks };
  fs.writeFileSync(path.join(out, 'landmark-reference.json'), JSON.stringify(lref) + '\n');
  console.log(JSON.stringify(faces.map((f) => [f.file, f.probabilities.map((p) => p.toFixed(4)).join(' ')])));
}
main().catch((e) => { console.error(e); process.exit(1); });
