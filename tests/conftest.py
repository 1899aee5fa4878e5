"""Root conftest: Django fixtures only when pytest-django is active."""


def pytest_configure(config):
    if config.pluginmanager.has_plugin("django"):
        config.pluginmanager.import_plugin("tests.django_fixtures")
