// A device's name from its User-Agent header, as a person says it: "Chrome on Linux".

const BROWSERS = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/SamsungBrowser\//, 'Samsung Internet'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/HeadlessChrome\//, 'Headless Chrome'],
	[/Chromium\//, 'Chromium'],
	[/Chrome\/|CriOS\//, 'Chrome'],
	[/Version\/[\d.]+.*Safari\//, 'Safari'],
	[/^curl\//, 'curl'],
	[/^Wget\//, 'Wget'],
	[/^Java-http-client|^Java\//, 'Java'],
	[/okhttp/i, 'OkHttp'],
	[/python-requests|Python-urllib|aiohttp/i, 'Python'],
	[/^PostmanRuntime\//, 'Postman'],
	[/^node|undici|node-fetch|axios/i, 'Node.js'],
	[/^Go-http-client\//, 'Go'],
];

// iOS and Android before macOS and Linux, whose names their agents also carry
const SYSTEMS = [
	[/Windows NT|Windows/, 'Windows'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Android/, 'Android'],
	[/CrOS/, 'ChromeOS'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/Linux|X11/, 'Linux'],
];

function first(list, text) {
	const found = list.find(([pattern]) => pattern.test(text));
	return found ? found[1] : null;
}

export function device(userAgent) {
	if (!userAgent) {
		return 'Unknown device';
	}
	const browser = first(BROWSERS, userAgent);
	const system = first(SYSTEMS, userAgent);
	if (browser && system) {
		return `${browser} on ${system}`;
	}
	if (browser) {
		return browser;
	}
	if (system) {
		return `A browser on ${system}`;
	}
	// an agent we do not know: its first product name, such as "MyApp/1.2"
	return userAgent.split(/\s/)[0].slice(0, 40);
}
