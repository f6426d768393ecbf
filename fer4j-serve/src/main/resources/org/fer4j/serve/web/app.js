// fer4j serve's page: no framework, no external resources. Sends a photo or webcam frames to /v1/predict,
// draws the boxes over the picture and a bar per class for each face; "This is my neutral face" enrols the
// current picture for this browser's person id and switches to the calibrated (paired) model.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var person = localStorage.getItem('fer4j.person');
  if (!person) {
    person = 'p-' + Math.random().toString(36).slice(2, 12);
    localStorage.setItem('fer4j.person', person);
  }
  var models = [];
  var calibratedModel = null;
  var enrolled = false;
  var current = null;       // the last picture sent (a Blob)
  var stream = null;
  var busy = false;

  function status(text, isError) {
    $('status').textContent = text || '';
    $('status').className = 'status' + (isError ? ' error' : '');
  }

  function showMode() {
    var primary = models.filter(function (m) { return m.roles.indexOf('primary') >= 0; })[0];
    var mode = $('mode');
    if (enrolled && calibratedModel) {
      mode.textContent = 'calibrated to your neutral face · model ' + calibratedModel.id + ' (' + calibratedModel.kind + ')';
      mode.className = 'mode calibrated';
    } else if (primary) {
      mode.textContent = 'model ' + primary.id + ' (' + primary.kind + ')' + (primary.needs_neutral ? ' · needs your neutral face first' : '');
      mode.className = 'mode';
    }
    $('neutral').disabled = !calibratedModel || !current;
    $('neutral').title = calibratedModel ? 'Enrol the current picture as your neutral face' : 'This server has no paired (SPNDL) model';
    $('forget').hidden = !enrolled;
  }

  function errorText(res, body) {
    if (body && body.error) { return body.error + ': ' + body.detail; }
    return 'HTTP ' + res.status;
  }

  function send(blob) {
    current = blob;
    showMode();
    var url = '/v1/predict' + (enrolled ? '?person=' + encodeURIComponent(person) : '');
    var form = new FormData();
    form.append('image', blob, 'picture');
    busy = true;
    return fetch(url, { method: 'POST', body: form })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) { throw new Error(errorText(res, body)); }
          return body;
        });
      })
      .then(function (body) {
        render(body);
        status(body.faces.length + (body.faces.length === 1 ? ' face' : ' faces') + ' · ' + body.timings_ms.total + ' ms · model ' + body.model);
      })
      .catch(function (e) { status(e.message, true); })
      .finally(function () { busy = false; });
  }

  function render(body) {
    var media = stream ? $('video') : $('photo');
    var shownW = media.clientWidth || body.image.width;
    var scale = shownW / body.image.width;
    var boxes = $('boxes');
    boxes.textContent = '';
    var faces = $('faces');
    faces.textContent = '';
    body.faces.forEach(function (f) {
      var b = document.createElement('div');
      b.className = 'box';
      b.style.left = (f.box.x * scale) + 'px';
      b.style.top = (f.box.y * scale) + 'px';
      b.style.width = (f.box.width * scale) + 'px';
      b.style.height = (f.box.height * scale) + 'px';
      var tag = document.createElement('span');
      tag.textContent = '#' + f.face + ' ' + (f.label || 'error');
      b.appendChild(tag);
      boxes.appendChild(b);

      var card = document.createElement('div');
      card.className = 'face';
      card.dataset.label = f.label || '';
      var h = document.createElement('h2');
      h.textContent = 'Face #' + f.face + ': ' + (f.label ? f.label + ' (' + Math.round(f.confidence * 100) + ' %)' : f.error);
      card.appendChild(h);
      Object.keys(f.probabilities || {}).forEach(function (name) {
        var p = f.probabilities[name];
        var row = document.createElement('div');
        row.className = 'bar' + (name === f.label ? ' top' : '');
        row.dataset.class = name;
        var n = document.createElement('span'); n.className = 'name'; n.textContent = name;
        var track = document.createElement('div'); track.className = 'track';
        var fill = document.createElement('div'); fill.className = 'fill'; fill.style.width = (p * 100).toFixed(1) + '%';
        track.appendChild(fill);
        var v = document.createElement('span'); v.className = 'value'; v.textContent = p.toFixed(2);
        row.appendChild(n); row.appendChild(track); row.appendChild(v);
        card.appendChild(row);
      });
      faces.appendChild(card);
    });
    document.body.dataset.model = body.model;
    document.body.dataset.calibrated = String(body.calibrated);
  }

  function showPhoto(file) {
    stopWebcam();
    var img = $('photo');
    img.hidden = false;
    $('stage').hidden = false;
    $('hint').hidden = true;
    img.onload = function () { send(file); };
    img.src = URL.createObjectURL(file);
  }

  $('file').addEventListener('change', function (e) {
    if (e.target.files && e.target.files[0]) { showPhoto(e.target.files[0]); }
  });
  var drop = $('drop');
  drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files && e.dataTransfer.files[0]) { showPhoto(e.dataTransfer.files[0]); }
  });

  function stopWebcam() {
    if (stream) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      $('video').hidden = true;
      $('webcam').textContent = 'Use the webcam';
    }
  }

  function frameLoop() {
    if (!stream) { return; }
    var video = $('video');
    if (!busy && video.videoWidth > 0) {
      var canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d').drawImage(video, 0, 0);
      canvas.toBlob(function (blob) { if (blob && stream) { send(blob); } }, 'image/jpeg', 0.85);
    }
    setTimeout(frameLoop, 250);
  }

  $('webcam').addEventListener('click', function () {
    if (stream) { stopWebcam(); return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status('this browser gives no webcam access here (it needs https or localhost)', true);
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false })
      .then(function (s) {
        stream = s;
        var video = $('video');
        video.srcObject = s;
        video.hidden = false;
        $('photo').hidden = true;
        $('stage').hidden = false;
        $('hint').hidden = true;
        $('webcam').textContent = 'Stop the webcam';
        frameLoop();
      })
      .catch(function (e) { status('webcam: ' + e.message, true); });
  });

  $('neutral').addEventListener('click', function () {
    if (!current) { return; }
    var form = new FormData();
    form.append('image', current, 'neutral');
    fetch('/v1/people/' + encodeURIComponent(person) + '/neutral', { method: 'POST', body: form })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) { throw new Error(errorText(res, body)); }
          enrolled = true;
          showMode();
          status('neutral face enrolled; predictions are now calibrated to it');
          if (!stream) { return send(current); }
        });
      })
      .catch(function (e) { status('enrolment failed: ' + e.message, true); });
  });

  $('forget').addEventListener('click', function () {
    fetch('/v1/people/' + encodeURIComponent(person), { method: 'DELETE' }).finally(function () {
      enrolled = false;
      showMode();
      status('neutral face forgotten');
      if (current && !stream) { send(current); }
    });
  });

  fetch('/v1/models').then(function (r) { return r.json(); }).then(function (body) {
    models = body.models;
    calibratedModel = models.filter(function (m) { return m.roles.indexOf('calibrated') >= 0; })[0] || null;
    return fetch('/v1/people/' + encodeURIComponent(person));
  }).then(function (r) {
    enrolled = r.ok && !!calibratedModel;
    showMode();
  }).catch(function (e) { status('cannot reach the server: ' + e.message, true); });
})();
