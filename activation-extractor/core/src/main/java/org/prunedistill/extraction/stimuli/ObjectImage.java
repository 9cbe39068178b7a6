package org.prunedistill.extraction.stimuli;

/**
 * What a renderer draws in one pass: the grey image of one object on black and, per pixel, the share of the pixel
 * the object covers (the fraction of the pixel's rays or samples that hit it). Both row-major, side x side.
 */
record ObjectImage(float[] grey, float[] objectMask) {
}
