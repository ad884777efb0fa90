package dev.stile.authority;

import dev.stile.authority.init.InitException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads password files as step does: UTF-8, trailing whitespace (e.g. the final newline) removed. */
public final class PasswordFile {

    /** A password file is a line of text; anything larger is the wrong file. */
    static final long MAX_BYTES = 64 * 1024;

    private PasswordFile() {
    }

    /**
     * @param flag the option that named the file, for the error message
     * @throws InitException naming the flag and the file when it is missing, unreadable or empty
     */
    public static char[] read(Path file, String flag) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InitException(flag + " " + file + " is larger than " + MAX_BYTES
                        + " bytes; it is not a password file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InitException(flag + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InitException(flag + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        char[] chars;
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            chars = Arrays.copyOf(decoded.array(), decoded.limit());
        } catch (CharacterCodingException e) {
            throw new InitException(flag + " " + file + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        int end = chars.length;
        while (end > 0 && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        char[] password = Arrays.copyOf(chars, end);
        Arrays.fill(chars, '\0');
        if (password.length == 0) {
            throw new InitException(flag + " " + file + " is empty");
        }
        return password;
    }
}
