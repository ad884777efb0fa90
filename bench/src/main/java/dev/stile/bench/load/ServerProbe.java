package dev.stile.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what the server under test uses from {@code /proc/PID}: CPU ticks at the start and end of
 * the measured window (so start-up and warm-up are not charged to the measured operations), the
 * largest {@code VmRSS} seen during the window (sampled every 100 ms) and {@code VmHWM}, the peak
 * RSS since the process started.
 */
final class ServerProbe {

    /** Server CPU seconds and memory of one measured window; sizes in KiB. */
    record Usage(double cpuSeconds, long windowPeakRssKib, long lifetimePeakRssKib) {
    }

    private static final long SAMPLE_MILLIS = 100;
    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux build the bench runs on. */
    private static final double TICKS_PER_SECOND = Double.parseDouble(System.getProperty("bench.clockTicks", "100"));

    private final Path proc;
    private final AtomicLong peakRss = new AtomicLong();
    private volatile boolean sampling;
    private Thread sampler;
    private long startTicks;

    private ServerProbe(long pid) {
        this.proc = Path.of("/proc", Long.toString(pid));
    }

    /** The server whose pid the file holds (read now), or null when no file is given. */
    static ServerProbe fromPidFile(String pidFile) {
        if (pidFile == null) {
            return null;
        }
        try {
            ServerProbe probe = new ServerProbe(Long.parseLong(Files.readString(Path.of(pidFile)).strip()));
            probe.cpuTicks();
            return probe;
        } catch (NumberFormatException | IOException e) {
            throw new IllegalArgumentException(pidFile + " does not name a running process (" + e + ")");
        }
    }

    void startWindow() throws IOException {
        startTicks = cpuTicks();
        peakRss.set(statusKib("VmRSS:"));
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                try {
                    peakRss.accumulateAndGet(statusKib("VmRSS:"), Math::max);
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "server-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    Usage endWindow() throws IOException, InterruptedException {
        long endTicks = cpuTicks();
        sampling = false;
        sampler.join();
        peakRss.accumulateAndGet(statusKib("VmRSS:"), Math::max);
        return new Usage((endTicks - startTicks) / TICKS_PER_SECOND, peakRss.get(), statusKib("VmHWM:"));
    }

    /** utime + stime, fields 14 and 15 of /proc/PID/stat (counted after the ")" ending the command name). */
    private long cpuTicks() throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private long statusKib(String key) throws IOException {
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(proc + "/status has no " + key);
    }
}
