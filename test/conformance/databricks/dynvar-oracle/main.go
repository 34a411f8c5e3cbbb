// The Databricks CLI's bundle reference pattern, copied verbatim from databricks/cli
// libs/dyn/dynvar/ref.go at commit 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f and run with Go's own
// regexp engine (RE2), so tests judge orchc's output by the CLI's semantics, not by orchc's
// JavaScript re-implementation. Reads a JSON array of strings on stdin; prints, for each, the
// references the CLI would resolve in it (empty: the string arrives as written).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
)

const BaseVarDef = `\p{L}+([-_]*[\p{L}\p{N}]+)*`

var re = regexp.MustCompile(fmt.Sprintf(`\$\{(%s(\.%s(\[[0-9]+\])*)*(\[[0-9]+\])*)\}`, BaseVarDef, BaseVarDef))

func main() {
	var input []string
	if err := json.NewDecoder(os.Stdin).Decode(&input); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := make([][]string, len(input))
	for i, s := range input {
		out[i] = []string{}
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			out[i] = append(out[i], m[0])
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(2)
	}
}
