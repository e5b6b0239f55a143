#!/usr/bin/env bash
# Replaces the vendored Swagger UI files with those of swagger-ui-dist <version> from the npm registry.
set -euo pipefail
version="${1:?usage: $0 <swagger-ui-dist version>}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "swagger-ui-dist@$version" >/dev/null && tar xzf swagger-ui-dist-*.tgz)
for file in swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css LICENSE NOTICE; do
  cp "$work/package/$file" "$here/vendor/$file"
done
(cd "$here/vendor" && wc -c swagger-ui-bundle.js swagger-ui.css && sha256sum swagger-ui-bundle.js swagger-ui.css)
