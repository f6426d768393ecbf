/** Face tracking across video frames: stable ids per person, so each person's neutral reference can be kept. */
package org.fer4j.vision.track;
