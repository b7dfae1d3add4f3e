<?php
// Describes the Systempay API (functions, classes, methods, parameters, types, defaults) through
// reflection. Run as a script with the stub path, in a PHP without the extension, it describes the
// stub; included in the test process it describes the loaded extension. The two must be equal.

function describe_systempay_api(): array
{
    $type = static fn (?ReflectionType $t): ?string => $t === null ? null : (string) $t;
    $params = static function (ReflectionFunctionAbstract $f) use ($type): array {
        $out = [];
        foreach ($f->getParameters() as $p) {
            $out[] = [
                'name' => $p->getName(),
                'type' => $type($p->getType()),
                'optional' => $p->isOptional(),
                'default' => $p->isDefaultValueAvailable() ? var_export($p->getDefaultValue(), true) : null,
            ];
        }
        return $out;
    };
    $api = ['functions' => [], 'classes' => []];
    foreach (get_defined_functions()['internal'] as $name) {
        if (stripos($name, 'systempay\\') === 0) {
            $api['functions'][$name] = null;
        }
    }
    foreach (get_defined_functions()['user'] as $name) {
        if (stripos($name, 'systempay\\') === 0) {
            $api['functions'][$name] = null;
        }
    }
    // Test probes of the debug build are not part of the API.
    $api['functions'] = array_filter($api['functions'], static fn ($name) => stripos($name, 'systempay\\__test_') !== 0, ARRAY_FILTER_USE_KEY);
    foreach (array_keys($api['functions']) as $name) {
        $f = new ReflectionFunction($name);
        $api['functions'][$name] = ['params' => $params($f), 'return' => $type($f->getReturnType())];
    }
    ksort($api['functions']);
    foreach (get_declared_classes() as $name) {
        if (strpos($name, 'Systempay\\') !== 0) {
            continue;
        }
        $c = new ReflectionClass($name);
        $methods = [];
        foreach ($c->getMethods() as $m) {
            if ($m->getDeclaringClass()->getName() !== $name || $m->getName() === '__construct') {
                continue; // the extension's internal no-op constructor is not part of the API
            }
            $methods[$m->getName()] = ['params' => $params($m), 'return' => $type($m->getReturnType()), 'static' => $m->isStatic()];
        }
        ksort($methods);
        $parent = $c->getParentClass();
        $api['classes'][$name] = ['parent' => $parent ? $parent->getName() : null, 'final' => $c->isFinal(), 'methods' => $methods];
    }
    ksort($api['classes']);
    return $api;
}

if (PHP_SAPI === 'cli' && isset($argv[1]) && realpath($argv[0]) === realpath(__FILE__)) {
    if (extension_loaded('systempay')) {
        fwrite(STDERR, "describe the stub in a PHP without the extension (php -n)\n");
        exit(1);
    }
    require $argv[1];
    echo json_encode(describe_systempay_api(), JSON_PRETTY_PRINT), "\n";
}
