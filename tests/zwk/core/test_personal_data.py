from zwk.core import personal_data


def test_register_replaces_and_sorts():
    personal_data.register("zz-test", label="B", export=lambda u: [], erase=lambda u: 0)
    personal_data.register("aa-test", label="A", export=lambda u: {"x": 1}, erase=lambda u: 2)
    personal_data.register("zz-test", label="C", export=lambda u: [], erase=lambda u: 0)
    keys = [p.key for p in personal_data.providers()]
    assert keys.index("aa-test") < keys.index("zz-test")
    assert keys.count("zz-test") == 1
    assert next(p for p in personal_data.providers() if p.key == "zz-test").label == "C"
    assert next(p for p in personal_data.providers() if p.key == "aa-test").export(None) == {"x": 1}
