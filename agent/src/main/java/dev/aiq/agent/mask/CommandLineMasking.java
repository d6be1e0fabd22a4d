package dev.aiq.agent.mask;

import java.util.ArrayList;
import java.util.List;

/**
 * Masks the secrets a command line carries, as {@code list} and every CLI header show one: the value after
 * {@code --override PATH} (and {@code set PID PATH}) when the path is secret, the value after an option named like a
 * secret ({@code --api-key VALUE}), the value of a {@code NAME=VALUE} item with a secret name at any depth
 * ({@code -Dnim.api_key=…}, {@code -javaagent:aiq-dev.jar=override=llms.x.api_key=…}), and any credential-looking
 * text. Internal.
 */
final class CommandLineMasking {

    private CommandLineMasking() {
    }

    /** The arguments with their secrets masked; never the same list. */
    static List<String> mask(List<String> arguments, CredentialText credentials) {
        List<String> masked = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            masked.add(credentials.mask(assignments(argument), Masking.MASK));
            int path = pathAfter(argument, i);
            if (path > 0 && path + 1 < arguments.size()) {
                for (int j = i + 1; j <= path; j++) {
                    masked.add(credentials.mask(arguments.get(j), Masking.MASK));
                }
                masked.add(SecretNames.isSecretPath(arguments.get(path)) ? Masking.MASK
                        : credentials.mask(arguments.get(path + 1), Masking.MASK));
                i = path + 1;
            } else if (i + 1 < arguments.size() && namesSecretOption(argument)) {
                masked.add(Masking.MASK);
                i++;
            }
        }
        return masked;
    }

    /** Where the path of {@code --override PATH VALUE} or aiq-dev's {@code set PID PATH VALUE} is, or -1. */
    private static int pathAfter(String argument, int index) {
        if (argument.equals("--override")) {
            return index + 1;
        }
        return argument.equals("set") ? index + 2 : -1;
    }

    /**
     * {@code --api-key}, {@code --password}: an option without {@code =} whose own name is secret; or the word
     * {@code Bearer}, whose token is the next argument.
     */
    private static boolean namesSecretOption(String argument) {
        return argument.equalsIgnoreCase("bearer") || argument.startsWith("-") && argument.indexOf('=') < 0
                && SecretNames.isSecretPath(argument.replaceFirst("^-+", ""));
    }

    /** Masks every {@code NAME=VALUE} with a secret name, in comma-separated lists and nested assignments. */
    private static String assignments(String argument) {
        if (argument.indexOf('=') < 0) {
            return argument;
        }
        String[] items = argument.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            items[i] = assignment(items[i]);
        }
        return String.join(",", items);
    }

    private static String assignment(String item) {
        int equals = item.indexOf('=');
        if (equals < 0) {
            return item;
        }
        String name = item.substring(0, equals);
        String bareName = name.replaceFirst("^(-D|-+)", "");
        if (SecretNames.isSecretPath(bareName)) {
            return name + "=" + Masking.MASK;
        }
        return name + "=" + assignment(item.substring(equals + 1));
    }
}
