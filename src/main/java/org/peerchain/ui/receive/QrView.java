package org.peerchain.ui.receive;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A QR code of {@link #textProperty()}, drawn module by module on a canvas at whatever size the layout gives, each
 * module a whole number of pixels so that the code stays crisp at any scale. Dark modules on white with the quiet
 * zone around them, in the dark theme too: scanners expect dark on light.
 */
public final class QrView extends Region {
    /** The blank margin the QR standard asks for around the code, in modules. */
    public static final int QUIET_ZONE = 4;
    private static final double PREFERRED_SIZE = 240;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.MARGIN, 0,
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.CHARACTER_SET, "UTF-8");

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final Canvas canvas = new Canvas();
    private BitMatrix matrix;

    public QrView() {
        getStyleClass().add("qr-view");
        getChildren().add(canvas);
        text.addListener((o, was, now) -> {
            matrix = encode(now);
            requestLayout();
            draw();
        });
    }

    /** One module a pixel, without a quiet zone; none for empty text. */
    public static BitMatrix encode(String content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            // Only text beyond the largest QR code's capacity fails, far beyond any payment request.
            throw new IllegalArgumentException("the text is too long for a QR code (" + content.length()
                    + " characters)", e);
        }
    }

    public StringProperty textProperty() {
        return text;
    }

    @Override
    protected double computePrefWidth(double height) {
        return PREFERRED_SIZE;
    }

    @Override
    protected double computePrefHeight(double width) {
        return PREFERRED_SIZE;
    }

    @Override
    protected void layoutChildren() {
        double side = Math.floor(Math.min(getWidth(), getHeight()));
        canvas.setWidth(side);
        canvas.setHeight(side);
        canvas.relocate(snapPositionX((getWidth() - side) / 2), snapPositionY((getHeight() - side) / 2));
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double side = canvas.getWidth();
        g.clearRect(0, 0, side, canvas.getHeight());
        if (matrix == null || side <= 0) {
            return;
        }
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, side, side);
        int modules = matrix.getWidth() + 2 * QUIET_ZONE;
        // Whole device pixels a module: at a render scale of 1.5, a module of 3 device pixels is 2 layout pixels.
        double scale = Math.max(1, getScene() == null ? 1 : getScene().getWindow() == null ? 1
                : getScene().getWindow().getOutputScaleX());
        double module = Math.max(1, Math.floor(side * scale / modules)) / scale;
        double origin = Math.floor((side - module * modules) * scale / 2) / scale + QUIET_ZONE * module;
        g.setFill(Color.BLACK);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    g.fillRect(origin + x * module, origin + y * module, module, module);
                }
            }
        }
    }
}
