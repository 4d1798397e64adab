# Sourced by bin/mortar and bin/test: PySpark and py4j for Python jobs, from PyPI, at exactly the Spark and py4j
# versions the build uses (pom.xml's spark.version and py4j.version; a server test checks that the driver class path
# holds that py4j). They go to a folder outside the clone, so `mvn clean` keeps them:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/mortar/python/pyspark-<spark>-py4j-<py4j>
# installed into a temporary folder first and renamed into place when complete, so a half-done install (a Ctrl-C,
# a full disk, two installs at once) is never used. pyspark's bundled jars are removed: drivers run Spark from
# runtime/target/jars. The folder is exported as MORTAR_PYTHON_LIBS, which the server hands to every driver.

# The interpreter Python jobs run on (the server's mortar.jobs.python), as the server will call it.
mortar_python() {
  echo "${MORTAR_JOBS_PYTHON:-python3}"
}

# Succeeds when the interpreter is Python 3.10 or newer (pyspark 4's minimum) and has pip.
mortar_python_usable() {
  local python
  python=$(mortar_python)
  "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null \
    && "$python" -m pip --version >/dev/null 2>&1
}

# A property of the root pom.xml (the one place versions are set).
mortar_pom_property() {
  local root=$1 name=$2 value
  value=$(sed -n "s:.*<$name>\([^<]*\)</$name>.*:\1:p" "$root/pom.xml" | head -n 1)
  [[ -n $value ]] || { echo "python-libs: no <$name> in $root/pom.xml" >&2; return 1; }
  echo "$value"
}

# Installs pyspark and py4j when missing and exports MORTAR_PYTHON_LIBS. A MORTAR_PYTHON_LIBS already set is kept.
mortar_install_python_libs() {
  local root=$1 spark py4j base dir tmp python started
  if [[ -n ${MORTAR_PYTHON_LIBS:-} ]]; then
    export MORTAR_PYTHON_LIBS
    return 0
  fi
  spark=$(mortar_pom_property "$root" spark.version) || return 1
  py4j=$(mortar_pom_property "$root" py4j.version) || return 1
  base="${XDG_CACHE_HOME:-$HOME/.cache}/mortar/python"
  dir="$base/pyspark-$spark-py4j-$py4j"
  if [[ ! -d $dir ]]; then
    python=$(mortar_python)
    mkdir -p "$base"
    tmp=$(mktemp -d "$base/.installing-XXXXXX")
    chmod 755 "$tmp"
    echo "mortar: installing pyspark $spark and py4j $py4j from PyPI for Python jobs (once) into $dir" >&2
    started=$SECONDS
    if ! PIP_ROOT_USER_ACTION=ignore "$python" -m pip install --quiet --disable-pip-version-check --no-warn-script-location --no-deps \
        --target "$tmp" "pyspark==$spark" "py4j==$py4j" >&2; then
      rm -rf "$tmp"
      echo "mortar: pip could not install pyspark $spark and py4j $py4j" >&2
      return 1
    fi
    rm -rf "$tmp/pyspark/jars" "$tmp/bin"
    # the rename is the install's commit; another install that finished first wins and this copy goes
    if ! mv -T "$tmp" "$dir" 2>/dev/null; then
      rm -rf "$tmp"
    fi
    echo "mortar: pyspark $spark and py4j $py4j installed in $((SECONDS - started)) s" >&2
  fi
  export MORTAR_PYTHON_LIBS="$dir"
}
