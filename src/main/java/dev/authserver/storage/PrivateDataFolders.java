package dev.authserver.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps what the server writes to disk its owner's alone (docs/security.md): the folder of the
 * generated signing key and the folder of an H2 file database (both {@code ./data} by default)
 * are made 700 before anything is written into them, and once the server has started, the files
 * it keeps there (the database's, the keys) are made 600. A folder the process does not own,
 * or a shared one such as {@code /tmp} (sticky), is left as it is; only the server's own files
 * in it are closed.
 */
public class PrivateDataFolders implements ApplicationListener<SpringApplicationEvent> {

	private static final Logger logger = LoggerFactory.getLogger(PrivateDataFolders.class);

	private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	private static final String H2_FILE = "jdbc:h2:file:";

	/** Folder to the name prefix of the files the server keeps in it. */
	private Map<Path, String> folders = Map.of();

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			this.folders = folders(prepared.getEnvironment());
			this.folders.keySet().forEach(PrivateDataFolders::closeFolder);
		}
		else if (event instanceof ApplicationStartedEvent) {
			this.folders.forEach(PrivateDataFolders::closeFiles);
		}
	}

	private static Map<Path, String> folders(ConfigurableEnvironment environment) {
		Binder binder = Binder.get(environment);
		Map<Path, String> folders = new LinkedHashMap<>();
		boolean keyConfigured = binder.bind("auth.jwt.secret", String.class).isBound()
				|| binder.bind("auth.jwt.keys[0].secret", String.class).isBound();
		if (!keyConfigured) {
			Path keyFile = binder.bind("auth.jwt.key-file", Path.class)
				.orElse(Path.of("data/jwt-signing.key"))
				.toAbsolutePath();
			folders.put(keyFile.getParent(), keyFile.getFileName().toString());
		}
		String url = binder.bind("spring.datasource.url", String.class).orElse("");
		if (url.startsWith(H2_FILE)) {
			String file = url.substring(H2_FILE.length()).split(";", 2)[0];
			if (file.startsWith("~")) {
				file = System.getProperty("user.home") + file.substring(1);
			}
			Path database = Path.of(file).toAbsolutePath();
			folders.merge(database.getParent(), database.getFileName().toString(), (key, db) -> "");
		}
		return folders;
	}

	/** Creates the folder 700, or makes it 700 when this process owns it and it is not shared. */
	private static void closeFolder(Path folder) {
		try {
			if (!Files.exists(folder)) {
				Files.createDirectories(folder.getParent());
				Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
				Files.setPosixFilePermissions(folder, OWNER_FOLDER);
				return;
			}
			PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class);
			boolean shared = attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
			if (!shared && isOwnedByThisProcess(folder, attributes.owner())
					&& !attributes.permissions().equals(OWNER_FOLDER)) {
				Files.setPosixFilePermissions(folder, OWNER_FOLDER);
				logger.info("Made the data folder {} its owner's alone (700)", folder);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not make the data folder {} private: {}", folder, ex.getMessage());
		}
	}

	/** Every regular file in the folder whose name starts with the prefix (all, for an empty one) becomes 600. */
	private static void closeFiles(Path folder, String prefix) {
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (Stream<Path> files = Files.list(folder)) {
			files.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.filter((file) -> file.getFileName().toString().startsWith(prefix))
				.forEach(PrivateDataFolders::closeFile);
		}
		catch (IOException ex) {
			// a folder that cannot be listed is no one else's to read either
		}
	}

	private static void closeFile(Path file) {
		try {
			if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(OWNER_FILE)) {
				Files.setPosixFilePermissions(file, OWNER_FILE);
			}
		}
		catch (IOException ex) {
			// removed meanwhile (H2's lock and temporary files come and go)
		}
	}

	private static boolean isOwnedByThisProcess(Path folder, UserPrincipal owner) throws IOException {
		return owner.equals(folder.getFileSystem()
			.getUserPrincipalLookupService()
			.lookupPrincipalByName(System.getProperty("user.name")));
	}

}
