// Runs the original face-api networks (@vladmandic/face-api on pure-JS TensorFlow.js, CPU backend) and
// writes fer4j-vision's equality fixtures: 112x112 RGB face crops (raw bytes) and the expression
// probabilities and 68 landmarks the original computes on exactly those bytes; 150x150 crops of the same
// faces (same boxes) and a 150x150 pattern with FaceRecognitionNet's 128-d descriptors
// (recognition-reference.json). Run through scripts/reference.sh.
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
const RSIZE = 150; // FaceRecognitionNet's input side

function decode(file) {
  const img = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: false });
  return tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
}

// A deterministic non-face input, so the comparison does not rely on faces alone.
function pattern(size = SIZE) {
  const b = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) for (let c = 0; c < 3; c++) {
    b[(y * size + x) * 3 + c] = (x * 7 + y * 13 + c * 71 + ((x * y) % 29)) % 256;
  }
  return b;
}

function cropBytes(img, box, size) {
  const crop = tf.tidy(() => tf.image.cropAndResize(tf.expandDims(tf.cast(img, 'float32')), [box], [0], [size, size], 'bilinear')
    .round().clipByValue(0, 255).toInt().squeeze());
  const bytes = Uint8Array.from(crop.dataSync());
  crop.dispose();
  return bytes;
}

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceExpressionNet.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  fs.mkdirSync(out, { recursive: true });
  const faces = [];
  const marks = [];
  const inputs = [];
  const rinputs = [];
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
      const bytes = cropBytes(img, box, SIZE);
      const name = sample.replace('.jpg', '') + '-face.rgb';
      const detection = { score: d.score, x: bx.x, y: bx.y, width: bx.width, height: bx.height };
      inputs.push({ name, bytes, source: 'demo/' + sample, detection });
      rinputs.push({ name: sample.replace('.jpg', '') + '-face150.rgb', bytes: cropBytes(img, box, RSIZE), source: 'demo/' + sample, detection });
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
  rinputs.push({ name: 'pattern150.rgb', bytes: pattern(RSIZE), source: 'synthetic pattern (x*7 + y*13 + c*71 + (x*y mod 29)) mod 256' });
  const descs = [];
  for (const inp of rinputs) {
    fs.writeFileSync(path.join(out, inp.name), inp.bytes);
    const t = tf.tensor3d(inp.bytes, [RSIZE, RSIZE, 3], 'int32');
    const d = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(t);
    t.dispose();
    descs.push({ file: inp.name, source: inp.source, detection: inp.detection, descriptor: Array.from(d) });
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
  const rref = { generator: ref.generator, package: ref.package, tfjs: ref.tfjs, backend: ref.backend,
    input: RSIZE + 'x' + RSIZE + 'x3 uint8 RGB, row-major HWC (the same detections as the 112-pixel crops)',
    output: '128-d descriptor, FaceRecognitionNet.computeFaceDescriptor', faces: descs };
  fs.writeFileSync(path.join(out, 'recognition-reference.json'), JSON.stringify(rref) + '\n');
  console.log(JSON.stringify(faces.map((f) => [f.file, f.probabilities.map((p) => p.toFixed(4)).join(' ')])));
}
main().catch((e) => { console.error(e); process.exit(1); });
