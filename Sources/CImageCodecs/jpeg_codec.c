// JPEG through libjpeg (libjpeg-turbo), from and to memory. libjpeg's default error_exit calls
// exit(); ours longjmps to the setjmp in the function that called libjpeg, here in C.

#include "image_codecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

/// libjpeg's error manager extended with where to jump and what went wrong.
typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char *message;
    int max_scans;
} jpeg_failure;

static void record_message(j_common_ptr cinfo) {
    jpeg_failure *failure = (jpeg_failure *)cinfo->err;
    if (failure->message[0] == 0) {
        char text[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, text);
        snprintf(failure->message, 200, "%s", text);
    }
}

static void on_jpeg_error(j_common_ptr cinfo) {
    record_message(cinfo);
    longjmp(((jpeg_failure *)cinfo->err)->jump, 1);
}

/// Warnings (level -1) that mean pixels were lost or made up: a truncated file (libjpeg pads
/// it with grey), a corrupt entropy-coded segment. Those are errors here: the image read would
/// not be the image in the file. Other warnings (extra bytes between markers, an unknown JFIF
/// revision, a bad ICC marker) leave the pixels intact and are ignored, as is trace output.
static void on_jpeg_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL:
    case JWRN_BOGUS_PROGRESSION:
        on_jpeg_error(cinfo);
        break;
    default:
        break;
    }
}

/// Refuses a progressive file with more scans than the limit: each scan revisits every
/// coefficient, and a crafted file with thousands of tiny scans takes minutes to decode.
static void watch_scans(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    jpeg_failure *failure = (jpeg_failure *)cinfo->err;
    if (((j_decompress_ptr)cinfo)->input_scan_number > failure->max_scans) {
        snprintf(failure->message, 200, "more than %d scans, more than any real JPEG has", failure->max_scans);
        longjmp(failure->jump, 1);
    }
}

static const char *colour_space_name(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE: return "grey";
    case JCS_YCbCr: return "YCbCr";
    case JCS_RGB: return "RGB";
    case JCS_CMYK: return "CMYK";
    case JCS_YCCK: return "YCCK";
    default: return "unknown colour space";
    }
}

digits_image_status digits_decode_jpeg(const unsigned char *data, size_t size, int max_side,
                                       long long max_pixels, int max_scans, digits_decoded_image *image) {
    memset(image, 0, sizeof *image);
    struct jpeg_decompress_struct cinfo;
    jpeg_failure failure;
    struct jpeg_progress_mgr progress;
    memset(&cinfo, 0, sizeof cinfo);
    // Touched between setjmp and longjmp, so volatile.
    unsigned char *volatile pixels = NULL;
    unsigned char *volatile line = NULL;
    volatile digits_image_status status = DIGITS_IMAGE_CORRUPT;

    cinfo.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = on_jpeg_error;
    failure.manager.emit_message = on_jpeg_message;
    failure.message = image->message;
    failure.max_scans = max_scans;
    if (setjmp(failure.jump)) {
        free(pixels);
        free(line);
        jpeg_destroy_decompress(&cinfo);
        image->grey = NULL;
        return status;
    }
    jpeg_create_decompress(&cinfo);
    // Coefficient buffers of a progressive file grow with its size; past this libjpeg fails
    // ("backing store not supported") rather than taking the machine's memory.
    cinfo.mem->max_memory_to_use = 512L << 20;
    progress.progress_monitor = watch_scans;
    cinfo.progress = &progress;
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);

    image->width = (int)cinfo.image_width;
    image->height = (int)cinfo.image_height;
    snprintf(image->format, sizeof image->format, "%s %s", jpeg_has_multiple_scans(&cinfo) ? "progressive" : "baseline",
             colour_space_name(cinfo.jpeg_color_space));
    if (cinfo.image_width == 0 || cinfo.image_height == 0) {
        status = DIGITS_IMAGE_EMPTY;
        longjmp(failure.jump, 1);
    }
    if ((long long)cinfo.image_width > max_side || (long long)cinfo.image_height > max_side ||
        (long long)cinfo.image_width * (long long)cinfo.image_height > max_pixels) {
        status = DIGITS_IMAGE_TOO_LARGE;
        longjmp(failure.jump, 1);
    }
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    if (cmyk) {
        cinfo.out_color_space = JCS_CMYK;
    } else if (cinfo.jpeg_color_space == JCS_GRAYSCALE || cinfo.jpeg_color_space == JCS_YCbCr ||
               cinfo.jpeg_color_space == JCS_RGB) {
        cinfo.out_color_space = JCS_GRAYSCALE;
    } else {
        snprintf(image->message, 200, "unsupported colour space with %d components", cinfo.num_components);
        longjmp(failure.jump, 1);
    }
    jpeg_start_decompress(&cinfo);
    size_t width = cinfo.output_width, height = cinfo.output_height;
    if ((int)width != image->width || (int)height != image->height ||
        cinfo.output_components != (cmyk ? 4 : 1)) {
        snprintf(image->message, 200, "unexpected layout after decompression");
        longjmp(failure.jump, 1);
    }
    pixels = malloc(width * height);
    if (cmyk) line = malloc(width * 4);
    if (!pixels || (cmyk && !line)) {
        snprintf(image->message, 200, "out of memory");
        status = DIGITS_IMAGE_NO_MEMORY;
        longjmp(failure.jump, 1);
    }
    while (cinfo.output_scanline < height) {
        size_t y = cinfo.output_scanline;
        if (!cmyk) {
            JSAMPROW row = pixels + y * width;
            jpeg_read_scanlines(&cinfo, &row, 1);
            continue;
        }
        JSAMPROW row = line;
        jpeg_read_scanlines(&cinfo, &row, 1);
        // CMYK JPEGs (Adobe's) store every channel inverted: a stored value v is 255 - ink,
        // so red is c*k/255, and so on; then the usual luma weights.
        for (size_t x = 0; x < width; x++) {
            unsigned c = row[4 * x], m = row[4 * x + 1], yellow = row[4 * x + 2], k = row[4 * x + 3];
            unsigned red = c * k / 255, green = m * k / 255, blue = yellow * k / 255;
            pixels[y * width + x] = (unsigned char)((77 * red + 150 * green + 29 * blue + 128) >> 8);
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(line);
    image->grey = pixels;
    return DIGITS_IMAGE_OK;
}

digits_image_status digits_encode_jpeg(const unsigned char *pixels, int width, int height, int components,
                                       int quality, int progressive, unsigned char **output,
                                       size_t *output_size, char message[200]) {
    message[0] = 0;
    *output = NULL;
    *output_size = 0;
    struct jpeg_compress_struct cinfo;
    jpeg_failure failure;
    memset(&cinfo, 0, sizeof cinfo);
    // jpeg_mem_dest mallocs the buffer as it goes: volatile, so an error's longjmp still
    // sees it to free.
    unsigned char *volatile destination = NULL;
    unsigned long buffer_size = 0;
    cinfo.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = on_jpeg_error;
    failure.manager.emit_message = on_jpeg_message;
    failure.message = message;
    failure.max_scans = 0;
    if (setjmp(failure.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(destination);
        return DIGITS_IMAGE_CORRUPT;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&destination, &buffer_size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)pixels + (size_t)cinfo.next_scanline * (size_t)width * (size_t)components;
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *output = destination;
    *output_size = buffer_size;
    return DIGITS_IMAGE_OK;
}
