/**
 * The zsh script `ax completion zsh` prints. It hands ax the words with
 * zsh's quoting removed (the word at the cursor too, even inside an open
 * quote) and gives the answers to `_describe` without `-Q`, so zsh itself
 * quotes what it inserts for the quote the user is in, and closes that quote
 * after a full match. Values without a description are added without the
 * `:` that would make zsh show an empty `--` beside them. `_describe` reads
 * backslashes in values and descriptions, so both are doubled.
 */

/** The zsh script for a program named `name` on PATH. */
export function zshScript(name: string): string {
  const fn = `_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
  return `#compdef ${name}
# zsh completion for ${name}; load with: source <(${name} completion zsh) (after compinit)
${fn}() {
    local cur out line value description directive
    local -a args candidates opts
    if [[ -n $compstate[quote] ]]; then
        cur=\${(Q)\${:-$compstate[quote]$PREFIX$compstate[quote]}}
    else
        cur=\${(Q)PREFIX}
    fi
    args=("\${(@Q)words[2,CURRENT-1]}" "$cur")
    out=$(${name} complete -- "\${args[@]}" 2>/dev/null) || return 1
    directive=\${out##*:}
    out=\${out%:*}
    [[ $directive == <-> ]] || directive=0
    for line in "\${(@f)out}"; do
        [[ -z $line ]] && continue
        value=\${line%%$'\\t'*}
        description=\${line#*$'\\t'}
        value=\${\${value//\\\\/\\\\\\\\}//:/\\\\:}
        # _describe reads backslashes in descriptions too: an escaped name (\\u202e) keeps its own.
        description=\${description//\\\\/\\\\\\\\}
        if [[ -n $description ]]; then
            candidates+=("$value:$description")
        else
            candidates+=("$value")
        fi
    done
    (( \${#candidates} )) || return 1
    # \`--status=r\`: the value after \`=\` is completed.
    if [[ $cur == -*=* ]]; then compset -P '*='; fi
    (( directive & 2 )) && opts+=(-S '')
    # Candidates found by another text than their value (an ID by its space's name).
    (( directive & 128 )) && opts+=(-U)
    _describe -t ${name}-values '${name}' candidates "\${opts[@]}"
}
if [[ "\${funcstack[1]}" == "${fn}" ]]; then
    ${fn} "$@"
else
    compdef ${fn} ${name}
fi
`;
}
