# bash completion for vedtak: commands and options, and tag and saved-search
# names asked of the program itself (vedtak complete tags|saved).
_vedtak()
{
	local cur prev words cword
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	local i cmd="" db=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db) db=(--db "${COMP_WORDS[i+1]}"); ((i++)) ;;
		-*) ;;
		*) [ -z "$cmd" ] && cmd=${COMP_WORDS[i]} ;;
		esac
	done
	if [ "$prev" = --db ] || [ "$cmd" = import ] || [ "$prev" = import ]; then
		COMPREPLY=($(compgen -f -- "$cur"))
		return
	fi
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$(vedtak complete commands 2>/dev/null) --db --read-only --help --version" -- "$cur"))
		return
	fi
	case $cmd in
	tag)
		case $cur in
		+* | -[!-]*)
			local sign=${cur:0:1} t
			COMPREPLY=()
			for t in $(vedtak "${db[@]}" complete tags 2>/dev/null); do
				[[ $sign$t == "$cur"* ]] && COMPREPLY+=("$sign$t")
			done ;;
		*) COMPREPLY=($(compgen -W "--undo --" -- "$cur")) ;;
		esac ;;
	saved)
		if [ "$prev" = rm ]; then
			COMPREPLY=($(compgen -W "$(vedtak "${db[@]}" complete saved 2>/dev/null)" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "add list rm" -- "$cur"))
		fi ;;
	sync) COMPREPLY=($(compgen -W "export import --peer" -- "$cur")) ;;
	search) COMPREPLY=($(compgen -W "--json --count --sort --limit --timeout type: presenter: org: body: case: year: date: title: decision: slide: amended: tag:" -- "$cur")) ;;
	export) COMPREPLY=($(compgen -W "--format json jsonl csv ics" -- "$cur")) ;;
	*) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
	esac
}
complete -F _vedtak vedtak
