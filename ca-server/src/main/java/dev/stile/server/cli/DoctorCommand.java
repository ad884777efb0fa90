package dev.stile.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stile doctor}: diagnostics an operator runs instead of guessing. Today one subcommand,
 * {@code validate} ({@link DoctorValidateCommand}), which runs a challenge validation exactly as the
 * ACME server would and prints every step.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Diagnose the CA's environment: run a challenge validation and show every step.",
        subcommands = {DoctorValidateCommand.class})
public final class DoctorCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: validate");
    }
}
