/** face-api.js networks rebuilt from DJL blocks and loaded from the model store. */
package org.fer4j.vision.faceapi;
